import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout, RequireRole } from './Layout';
import { RouteError } from './RouteError';

/** Routes, each loaded on demand so a page downloads only what it needs. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // Shown while the first page's code loads: the frame at once, then the page. "Loading…" is
    // for screen readers only: shown, it would be pushed down when the header fills in with who
    // is signed in (a layout shift), and the page replaces it a moment later anyway.
    hydrateFallbackElement: (
      <Layout>
        <p className="nhsuk-u-visually-hidden" role="status">
          Loading…
        </p>
      </Layout>
    ),
    errorElement: (
      <Layout>
        <RouteError />
      </Layout>
    ),
    children: [
      {
        path: 'sign-in',
        lazy: async () => ({ Component: (await import('../features/auth/SignInPage')).SignInPage }),
      },
      {
        path: 'choose-role',
        lazy: async () => ({
          Component: (await import('../features/auth/ChooseRolePage')).ChooseRolePage,
        }),
      },
      {
        element: <RequireRole />,
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('../features/worklists/DashboardPage')).DashboardPage,
            }),
          },
          {
            path: 'worklists/:code',
            lazy: async () => ({
              Component: (await import('../features/worklists/WorklistPage')).WorklistPage,
            }),
          },
          {
            path: 'search',
            lazy: async () => ({
              Component: (await import('../features/search/SearchPage')).SearchPage,
            }),
          },
          {
            path: 'services',
            lazy: async () => ({
              Component: (await import('../features/service-definer/ServicesPage')).ServicesPage,
            }),
          },
          {
            path: 'services/new',
            lazy: async () => ({
              Component: (await import('../features/service-definer/ServiceFormPage'))
                .ServiceFormPage,
            }),
          },
          {
            path: 'services/:id',
            lazy: async () => ({
              Component: (await import('../features/service-definer/ServicePage')).ServicePage,
            }),
          },
          {
            path: 'services/:id/edit',
            lazy: async () => ({
              Component: (await import('../features/service-definer/ServiceFormPage'))
                .ServiceFormPage,
            }),
          },
          {
            path: 'services/:id/schedules',
            lazy: async () => ({
              Component: (await import('../features/service-definer/SchedulesPage')).SchedulesPage,
            }),
          },
          {
            path: 'services/:id/slots',
            lazy: async () => ({
              Component: (await import('../features/service-definer/SlotCalendarPage'))
                .SlotCalendarPage,
            }),
          },
          {
            path: 'sites',
            lazy: async () => ({
              Component: (await import('../features/service-definer/SitesPage')).SitesPage,
            }),
          },
          {
            path: 'sites/new',
            lazy: async () => ({
              Component: (await import('../features/service-definer/SiteFormPage')).SiteFormPage,
            }),
          },
          {
            path: 'sites/:id/edit',
            lazy: async () => ({
              Component: (await import('../features/service-definer/SiteFormPage')).SiteFormPage,
            }),
          },
          {
            path: 'referrals/new',
            lazy: async () => ({
              Component: (await import('../features/new-referral/FindPatientPage')).FindPatientPage,
            }),
          },
          {
            path: 'referrals/new/services',
            lazy: async () => ({
              Component: (await import('../features/new-referral/ChooseServicesPage'))
                .ChooseServicesPage,
            }),
          },
          {
            path: 'referrals/new/details',
            lazy: async () => ({
              Component: (await import('../features/new-referral/ReferralDetailsPage'))
                .ReferralDetailsPage,
            }),
          },
          {
            path: 'referrals/:ubrn',
            lazy: async () => ({
              Component: (await import('../features/referral/ReferralSummaryPage'))
                .ReferralSummaryPage,
            }),
          },
          {
            path: 'referrals/:ubrn/book',
            lazy: async () => ({
              Component: (await import('../features/booking/BookingPage')).BookingPage,
            }),
          },
          {
            path: 'referrals/:ubrn/confirmation',
            lazy: async () => ({
              Component: (await import('../features/referral/ConfirmationPage')).ConfirmationPage,
            }),
          },
          {
            path: 'referrals/:ubrn/:action',
            lazy: async () => ({
              Component: (await import('../features/referral/ReferralActionPage'))
                .ReferralActionPage,
            }),
          },
        ],
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('./NotFoundPage')).NotFoundPage }),
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
