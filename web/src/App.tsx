// Providers and routes. Every page but /login needs a signed-in user.
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider, RequireAuth } from './auth/AuthContext';
import { NotFound } from './common/NotFound';
import { HomePage } from './home/HomePage';
import { AddMemberPage } from './households/AddMemberPage';
import { HouseholdListPage } from './households/HouseholdListPage';
import { HouseholdNewPage } from './households/HouseholdNewPage';
import { HouseholdViewPage } from './households/HouseholdViewPage';
import { LangProvider } from './i18n/lang';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './login/LoginPage';
import { PersonEditPage } from './persons/PersonEditPage';
import { PersonListPage } from './persons/PersonListPage';
import { PersonViewPage } from './persons/PersonViewPage';

export function App() {
  return (
    <LangProvider>
      <BrowserRouter>
        <AuthProvider>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomePage />} />
              <Route path="persons" element={<PersonListPage />} />
              <Route path="persons/:id" element={<PersonViewPage />} />
              <Route path="persons/:id/edit" element={<PersonEditPage />} />
              <Route path="households" element={<HouseholdListPage />} />
              <Route path="households/new" element={<HouseholdNewPage />} />
              <Route path="households/:id" element={<HouseholdViewPage />} />
              <Route path="households/:id/members/new" element={<AddMemberPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </AuthProvider>
      </BrowserRouter>
    </LangProvider>
  );
}
