import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, useLocation, useParams } from 'react-router';
import { homeOf, useProfile, useSession } from './auth';
import { Layout } from './components/Layout';
import { Loading } from './components/states';
import Entrar from './pages/Entrar';

/*
 * Stable, shareable page addresses (web.md): e-mails link to /acciones/{id},
 * /revision/{avanceId}, /prorrogas/{id} and /cortes/{id}
 * (src/modules/reminders/links.ts). Pages load on demand, so the first screen
 * downloads only what it shows.
 */
const pages = {
  Inicio: lazy(() => import('./pages/Inicio')),
  CambiarContrasena: lazy(() => import('./pages/CambiarContrasena')),
  MisAcciones: lazy(() => import('./pages/MisAcciones')),
  Accion: lazy(() => import('./pages/Accion')),
  ReportarAvance: lazy(() => import('./pages/ReportarAvance')),
  SolicitarProrroga: lazy(() => import('./pages/SolicitarProrroga')),
  AsmLista: lazy(() => import('./pages/AsmLista')),
  AsmEditor: lazy(() => import('./pages/AsmEditor')),
  Revision: lazy(() => import('./pages/Revision')),
  RevisionAvance: lazy(() => import('./pages/RevisionAvance')),
  Prorroga: lazy(() => import('./pages/Prorroga')),
  Corte: lazy(() => import('./pages/Corte')),
  NoEncontrada: lazy(() => import('./pages/NoEncontrada')),
};

/** A page, remounted when its record changes so that its forms start from that record. */
function Page({ of: C }: { of: ComponentType }) {
  const { id, avanceId } = useParams();
  return (
    <Suspense fallback={<Loading />}>
      <C key={id ?? avanceId ?? ''} />
    </Suspense>
  );
}

/** Signed-in part: without a session, sign in first and come back to the same address. */
function Protected() {
  const s = useSession();
  const { pathname, search } = useLocation();
  if (s.status === 'unknown') return <Loading what="Abriendo tu sesión" />;
  if (s.status === 'anonymous') {
    const next = encodeURIComponent(pathname + search);
    return <Navigate to={`/entrar?siguiente=${next}${s.expired ? '&motivo=expirada' : ''}`} replace />;
  }
  // A temporary password (the first administrator's): the API allows nothing else until it changes.
  if (s.profile.mustChangePassword && pathname !== '/cambiar-contrasena') return <Navigate to="/cambiar-contrasena" replace />;
  return <Layout />;
}

function Home() {
  return <Navigate to={homeOf(useProfile())} replace />;
}

export const router = createBrowserRouter([
  { path: '/entrar', element: <Entrar /> },
  {
    element: <Protected />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/inicio', element: <Page of={pages.Inicio} /> },
      { path: '/cambiar-contrasena', element: <Page of={pages.CambiarContrasena} /> },
      { path: '/acciones', element: <Page of={pages.MisAcciones} /> },
      { path: '/acciones/:id', element: <Page of={pages.Accion} /> },
      { path: '/acciones/:id/avance', element: <Page of={pages.ReportarAvance} /> },
      { path: '/acciones/:id/prorroga', element: <Page of={pages.SolicitarProrroga} /> },
      { path: '/asm', element: <Page of={pages.AsmLista} /> },
      { path: '/asm/nuevo', element: <Page of={pages.AsmEditor} /> },
      { path: '/asm/:id', element: <Page of={pages.AsmEditor} /> },
      { path: '/revision', element: <Page of={pages.Revision} /> },
      { path: '/revision/:avanceId', element: <Page of={pages.RevisionAvance} /> },
      { path: '/prorrogas/:id', element: <Page of={pages.Prorroga} /> },
      { path: '/cortes/:id', element: <Page of={pages.Corte} /> },
      { path: '*', element: <Page of={pages.NoEncontrada} /> },
    ],
  },
]);
