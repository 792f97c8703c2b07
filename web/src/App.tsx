// Providers and routes. Every page but /login needs a signed-in user.
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuditLogPage } from './audit/AuditLogPage';
import { AuthProvider, RequireAuth } from './auth/AuthContext';
import { NotFound } from './common/NotFound';
import { HomePage } from './home/HomePage';
import { AddMemberPage } from './households/AddMemberPage';
import { HouseholdListPage } from './households/HouseholdListPage';
import { HouseholdNewPage } from './households/HouseholdNewPage';
import { HouseholdViewPage } from './households/HouseholdViewPage';
import { LangProvider } from './i18n/lang';
import { AppLayout } from './layout/AppLayout';
import { ImportPage } from './ledger/ImportPage';
import { LedgerPage } from './ledger/LedgerPage';
import { LoginPage } from './login/LoginPage';
import { ReportingPage } from './monitoring/ReportingPage';
import { ReviewPage } from './monitoring/ReviewPage';
import { VillageMonthPage } from './monitoring/VillageMonthPage';
import { PersonEditPage } from './persons/PersonEditPage';
import { PersonListPage } from './persons/PersonListPage';
import { PersonViewPage } from './persons/PersonViewPage';
import { FiguresMonth } from './stats/FiguresMonth';
import { MonthlyStatsPage } from './stats/MonthlyStatsPage';
import { MonthPeoplePage } from './stats/MonthPeoplePage';
import { TargetsPage } from './stats/TargetsPage';
import { WarningsPage } from './warnings/WarningsPage';

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
              <Route path="ledger" element={<LedgerPage />} />
              <Route path="ledger/imports/:id" element={<ImportPage />} />
              <Route path="stats/people" element={<MonthPeoplePage />} />
              <Route path="audit" element={<AuditLogPage />} />
              {/* Screens of a month's figures: opened without ?month=, the latest reported month. */}
              <Route element={<FiguresMonth />}>
                <Route path="stats" element={<MonthlyStatsPage />} />
                <Route path="targets" element={<TargetsPage />} />
                <Route path="warnings" element={<WarningsPage />} />
              </Route>
              <Route path="monitoring" element={<VillageMonthPage />} />
              <Route path="monitoring/review" element={<ReviewPage />} />
              <Route path="monitoring/reporting" element={<ReportingPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </AuthProvider>
      </BrowserRouter>
    </LangProvider>
  );
}
