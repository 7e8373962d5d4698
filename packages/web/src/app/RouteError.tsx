import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown when a page fails to load or render. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <>
      <h1>{notFound ? 'Page not found' : 'Sorry, there is a problem with the service'}</h1>
      <p>
        {notFound
          ? 'If you typed the web address, check it is correct.'
          : 'Try again later. If you were part way through a referral, nothing you confirmed has been lost.'}
      </p>
      <p>
        <a href="/">Go to the start page</a>
      </p>
    </>
  );
}
