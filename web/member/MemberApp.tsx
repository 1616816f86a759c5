import { Navigate, Route, Routes } from 'react-router-dom';
import { FoundingPage } from './founding/FoundingPage.tsx';
import { SkillsPage } from './skills/SkillsPage.tsx';
import { CertificatePage } from './skills/CertificatePage.tsx';
import { JobProfilePage } from './skills/JobProfilePage.tsx';
import { PlaceReportPage } from './placeReport/ReportPage.tsx';
import { PlaceVisitPage } from './placeReport/VisitPage.tsx';
import { MyPlaceReportsPage } from './placeReport/MyReportsPage.tsx';
import { LawyerCasePage } from './lawyer/LawyerCasePage.tsx';
import { LawyerCasesPage } from './lawyer/LawyerCasesPage.tsx';
import './a11y.css';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { JoinPage } from './join/JoinPage.tsx';
import { MePage } from './pages/MePage.tsx';
import { TransferPage } from './join/TransferPage.tsx';
import { PhoneChangePage } from './join/PhoneChangePage.tsx';
import { CardPage } from './card/CardPage.tsx';
import { ActivitiesPage } from './activities/ActivitiesPage.tsx';
import { ActivityPage } from './activities/ActivityPage.tsx';
import { MySignupsPage } from './activities/MySignupsPage.tsx';
import { PointsPage } from './points/PointsPage.tsx';
import { CampaignsPage } from './campaigns/CampaignsPage.tsx';
import { CampaignPage } from './campaigns/CampaignPage.tsx';
import { CampaignApplicationsPage } from './campaigns/CampaignApplicationsPage.tsx';
import { PayoutsPage } from './payouts/PayoutsPage.tsx';
import { BankAccountPage } from './payouts/BankAccountPage.tsx';
import { RightsPage } from './rights/RightsPage.tsx';
import { AskPage } from './rights/AskPage.tsx';
import { RequestPage } from './rights/RequestPage.tsx';
import { PlacesPage } from './places/PlacesPage.tsx';
import { PlacePage } from './places/PlacePage.tsx';
import { ChildcarePage } from './childcare/ChildcarePage.tsx';
import { ProgrammePage } from './childcare/ProgrammePage.tsx';
import { EnrolPage } from './childcare/EnrolPage.tsx';
import { MyEnrolmentsPage } from './childcare/MyEnrolmentsPage.tsx';
import { RequireWorker } from './session.tsx';
import { BookPage } from './bookings/BookPage.tsx';
import { MyBookingsPage } from './bookings/MyBookingsPage.tsx';

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
      <Route path="/me/bookings" element={<RequireWorker><MyBookingsPage /></RequireWorker>} />
      <Route path="/places/:id/book" element={<RequireWorker><BookPage /></RequireWorker>} />
      <Route path="/me/points" element={<RequireWorker><PointsPage /></RequireWorker>} />
      <Route path="/campaigns" element={<RequireWorker><CampaignsPage /></RequireWorker>} />
      <Route path="/campaigns/:id" element={<RequireWorker><CampaignPage /></RequireWorker>} />
      <Route path="/me/campaign-applications" element={<RequireWorker><CampaignApplicationsPage /></RequireWorker>} />
      <Route path="/me/payouts" element={<RequireWorker><PayoutsPage /></RequireWorker>} />
      <Route path="/me/bank-account" element={<RequireWorker><BankAccountPage /></RequireWorker>} />
      <Route path="/rights" element={<RequireWorker><RightsPage /></RequireWorker>} />
      <Route path="/rights/ask" element={<RequireWorker><AskPage /></RequireWorker>} />
      <Route path="/rights/:id" element={<RequireWorker><RequestPage /></RequireWorker>} />
      <Route path="/places" element={<RequireWorker><PlacesPage /></RequireWorker>} />
      <Route path="/places/:id" element={<RequireWorker><PlacePage /></RequireWorker>} />
      <Route path="/childcare" element={<RequireWorker><ChildcarePage /></RequireWorker>} />
      <Route path="/childcare/:id" element={<RequireWorker><ProgrammePage /></RequireWorker>} />
      <Route path="/childcare/:id/enrol" element={<RequireWorker><EnrolPage /></RequireWorker>} />
      <Route path="/me/childcare" element={<RequireWorker><MyEnrolmentsPage /></RequireWorker>} />
      <Route path="/lawyer" element={<RequireWorker><LawyerCasesPage /></RequireWorker>} />
      <Route path="/lawyer/:id" element={<RequireWorker><LawyerCasePage /></RequireWorker>} />
      <Route path="/places/visit" element={<RequireWorker><PlaceVisitPage /></RequireWorker>} />
      <Route path="/places/:id/report" element={<RequireWorker><PlaceReportPage /></RequireWorker>} />
      <Route path="/me/place-problems" element={<RequireWorker><MyPlaceReportsPage /></RequireWorker>} />
      <Route path="/founding" element={<RequireWorker><FoundingPage /></RequireWorker>} />
      <Route path="/skills" element={<RequireWorker><SkillsPage /></RequireWorker>} />
      <Route path="/skills/certificate" element={<RequireWorker><CertificatePage /></RequireWorker>} />
      <Route path="/skills/job-profile" element={<RequireWorker><JobProfilePage /></RequireWorker>} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
