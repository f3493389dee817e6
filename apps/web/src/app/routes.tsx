import { Navigate, type RouteObject } from 'react-router-dom';
import { AccountPage } from '../modules/account/components/AccountPage';
import { InvitePage } from '../modules/auth/components/InvitePage';
import { LoginPage } from '../modules/auth/components/LoginPage';
import { RequireAuth } from '../modules/auth/components/RequireAuth';
import { AppShell } from '../modules/shell/components/AppShell';
import { NotFoundPage } from '../modules/shell/components/NotFoundPage';
import { SectionRoute } from '../modules/shell/components/SectionRoute';
import { NAV_ITEMS } from '../modules/shell/navigation';

/** Every route of the app; `createBrowserRouter` in main.tsx, a memory router in tests. */
export const appRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Navigate to="/inbox" replace /> },
          ...NAV_ITEMS.map((item) => ({
            path: item.routePath ?? item.path,
            element: <SectionRoute section={item.section} />,
          })),
          { path: '/account', element: <AccountPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
