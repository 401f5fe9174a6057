import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { NotifierBridge } from './components/NotifierBridge';
import { RequireAuth } from './components/RequireAuth';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { AttendancePage } from './pages/AttendancePage';
import { IntegrationsPage } from './pages/IntegrationsPage';
import { LeavePage } from './pages/LeavePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrgPage } from './pages/OrgPage';

/** Served at /admin/ by the server (SPA fallback), so BrowserRouter with basename "/admin". */
export function App() {
  return (
    <ConfigProvider locale={zhCN}>
      <AntdApp>
        <NotifierBridge />
        <BrowserRouter basename="/admin" future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<Navigate to="/org" replace />} />
              <Route path="/org" element={<OrgPage />} />
              <Route path="/integrations" element={<IntegrationsPage />} />
              <Route path="/approvals" element={<ApprovalsPage />} />
              <Route path="/leave" element={<LeavePage />} />
              <Route path="/attendance" element={<AttendancePage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AntdApp>
    </ConfigProvider>
  );
}
