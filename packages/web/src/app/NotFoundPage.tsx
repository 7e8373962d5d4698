import { useEffect } from 'react';

export function NotFoundPage() {
  useEffect(() => {
    document.title = 'Page not found – open-ers';
  }, []);
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>
        <a href="/">Go to the start page</a>
      </p>
    </>
  );
}
