import { Footer, Header, SkipLink } from 'nhsuk-react-components';
import type { ReactNode } from 'react';
import { Outlet } from 'react-router';

/** The page frame: skip link, NHS header, main content and footer with data attributions. */
export function Layout({ children }: { children?: ReactNode }) {
  return (
    <>
      <SkipLink href="#maincontent">Skip to main content</SkipLink>
      <Header service={{ text: 'open-ers', href: '/' }} />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" role="main" tabIndex={-1}>
          {children ?? <Outlet />}
        </main>
      </div>
      <Footer>
        <Footer.Meta>
          <p className="nhsuk-body-s">
            Postcode locations contain Ordnance Survey data © Crown copyright and database right
            2025. Contains Royal Mail data © Royal Mail copyright and database right 2025. Contains
            National Statistics data © Crown copyright and database right 2025.
          </p>
          <Footer.Copyright>open-ers – open source electronic referrals</Footer.Copyright>
        </Footer.Meta>
      </Footer>
    </>
  );
}
