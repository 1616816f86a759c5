import { Navigate, Route, Routes } from 'react-router-dom';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { JoinPage } from './pages/JoinPage.tsx';
import { MePage } from './pages/MePage.tsx';
import { TransferPage } from './pages/TransferPage.tsx';
import { PhoneChangePage } from './pages/PhoneChangePage.tsx';
import { CardPage } from './pages/CardPage.tsx';
import { ActivitiesPage } from './pages/ActivitiesPage.tsx';
import { ActivityPage } from './pages/ActivityPage.tsx';
import { MySignupsPage } from './pages/MySignupsPage.tsx';
import { PointsPage } from './pages/PointsPage.tsx';
import { CampaignsPage } from './pages/CampaignsPage.tsx';
import { CampaignPage } from './pages/CampaignPage.tsx';
import { CampaignApplicationsPage } from './pages/CampaignApplicationsPage.tsx';
import { PayoutsPage } from './pages/PayoutsPage.tsx';
import { BankAccountPage } from './pages/BankAccountPage.tsx';
import { RequireWorker } from './session.tsx';

export function MemberApp() {
  return (
    <Routes>
      <Route path="/" element={<HomePage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/join" element={<RequireWorker><JoinPage /></RequireWorker>} />
      <Route path="/me" element={<RequireWorker><MePage /></RequireWorker>} />
      <Route path="/me/transfer" element={<RequireWorker><TransferPage /></RequireWorker>} />
      <Route path="/me/phone" element={<RequireWorker><PhoneChangePage /></RequireWorker>} />
      <Route path="/card" element={<RequireWorker><CardPage /></RequireWorker>} />
      <Route path="/activities" element={<RequireWorker><ActivitiesPage /></RequireWorker>} />
      <Route path="/activities/:id" element={<RequireWorker><ActivityPage /></RequireWorker>} />
      <Route path="/me/signups" element={<RequireWorker><MySignupsPage /></RequireWorker>} />
      <Route path="/me/points" element={<RequireWorker><PointsPage /></RequireWorker>} />
      <Route path="/campaigns" element={<RequireWorker><CampaignsPage /></RequireWorker>} />
      <Route path="/campaigns/:id" element={<RequireWorker><CampaignPage /></RequireWorker>} />
      <Route path="/me/campaign-applications" element={<RequireWorker><CampaignApplicationsPage /></RequireWorker>} />
      <Route path="/me/payouts" element={<RequireWorker><PayoutsPage /></RequireWorker>} />
      <Route path="/me/bank-account" element={<RequireWorker><BankAccountPage /></RequireWorker>} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
