// Routes of the console; everything but the login page needs a session, and admin pages the admin role.
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useSession } from './session.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { PageTitle } from './components/PageTitle.tsx';
import { OrgTreePage } from './features/orgs/OrgTreePage.tsx';
import { StaffPage } from './features/staff/StaffPage.tsx';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { RosterPage } from './features/rosters/RosterPage.tsx';
import { MembersPage } from './features/members/MembersPage.tsx';
import { ApplicationsPage } from './features/members/ApplicationsPage.tsx';
import { TransfersPage } from './features/members/TransfersPage.tsx';
import { FoundingTargetsPage } from './features/enterprises/FoundingTargetsPage.tsx';
import { OutboxPage } from './features/notices/OutboxPage.tsx';
import { VerifyCardPage } from './features/cards/VerifyCardPage.tsx';
import { ActivitiesPage } from './features/activities/ActivitiesPage.tsx';
import { PublishActivityPage } from './features/activities/PublishActivityPage.tsx';
import { ActivityDetailPage } from './features/activities/ActivityDetailPage.tsx';
import { CheckinPage } from './features/activities/CheckinPage.tsx';
import { PointsIssuePage } from './features/points/PointsIssuePage.tsx';
import { PointsLedgerPage } from './features/points/PointsLedgerPage.tsx';
import { CampaignsPage } from './features/campaigns/CampaignsPage.tsx';
import { PublishCampaignPage } from './features/campaigns/PublishCampaignPage.tsx';
import { CampaignDetailPage } from './features/campaigns/CampaignDetailPage.tsx';
import { PayoutCampaignPicker, PayoutsPage } from './features/payouts/PayoutsPage.tsx';
import { HardshipListPage } from './features/hardship/HardshipListPage.tsx';
import { HardshipDetailPage } from './features/hardship/HardshipDetailPage.tsx';
import { HardshipFormPage } from './features/hardship/HardshipFormPage.tsx';
import { LawyersPage } from './features/legal/LawyersPage.tsx';
import { LawyerDetailPage } from './features/legal/LawyerDetailPage.tsx';
import { SupervisorsPage } from './features/legal/SupervisorsPage.tsx';
import { PlacesPage } from './features/places/PlacesPage.tsx';
import { PlaceDetailPage } from './features/places/PlaceDetailPage.tsx';
import { PlaceDuplicatesPage } from './features/places/PlaceDuplicatesPage.tsx';
import { PlaceImportPage } from './features/places/PlaceImportPage.tsx';
import { SupervisionPage } from './features/supervision/SupervisionPage.tsx';
import { ChildcarePage } from './features/childcare/ChildcarePage.tsx';
import { ProgrammeDetailPage } from './features/childcare/ProgrammeDetailPage.tsx';
import { SessionPage } from './features/childcare/SessionPage.tsx';
import { CaseDetailPage } from './features/supervision/CaseDetailPage.tsx';
import { PlaceBookingsPage } from './features/placeBookings/PlaceBookingsPage.tsx';
import { CalendarPage } from './features/rightsSettings/CalendarPage.tsx';
import { IntegrationsPage } from './features/rightsSettings/IntegrationsPage.tsx';
import { TimeLimitsPage } from './features/rightsSettings/TimeLimitsPage.tsx';
import { WorkbenchPage } from './features/workbench/WorkbenchPage.tsx';
import { TicketQueuePage } from './features/tickets/TicketQueuePage.tsx';
import { TicketDetailPage } from './features/tickets/TicketDetailPage.tsx';
import { NewCallPage } from './features/tickets/NewCallPage.tsx';
import { PlaceProblemsPage } from './features/placeProblems/PlaceProblemsPage.tsx';
import { PlaceProblemPage } from './features/placeProblems/PlaceProblemPage.tsx';

// ECharts is loaded with the figures page only, not with every page of the console.
const ActivityStatsPage = lazy(() => import('./features/activities/ActivityStatsPage.tsx').then((m) => ({ default: m.ActivityStatsPage })));
const TicketFiguresPage = lazy(() => import('./features/ticketFigures/TicketFiguresPage.tsx').then((m) => ({ default: m.TicketFiguresPage })));
const PlaceDeskPage = lazy(() => import('./features/placeDesk/PlaceDeskPage.tsx').then((m) => ({ default: m.PlaceDeskPage })));
const PlaceFiguresPage = lazy(() => import('./features/placeFigures/PlaceFiguresPage.tsx').then((m) => ({ default: m.PlaceFiguresPage })));
const HardshipFiguresPage = lazy(() => import('./features/hardship/HardshipFiguresPage.tsx').then((m) => ({ default: m.HardshipFiguresPage })));
import { EnterprisesPage } from './features/enterprises/EnterprisesPage.tsx';

const EnterpriseFilePage = lazy(() => import('./features/enterprises/EnterpriseFilePage.tsx').then((m) => ({ default: m.EnterpriseFilePage })));

const DrivesPage = lazy(() => import('./features/drives/DrivesPage.tsx').then((m) => ({ default: m.DrivesPage })));
const CoursePage = lazy(() => import('./features/courses/CoursePage.tsx').then((m) => ({ default: m.CoursePage })));
const SkillsRegisterPage = lazy(() => import('./features/skills/SkillsRegisterPage.tsx').then((m) => ({ default: m.SkillsRegisterPage })));
const CertificatesPage = lazy(() => import('./features/skills/SkillsRegisterPage.tsx').then((m) => ({ default: m.CertificatesPage })));
const DriveDetailPage = lazy(() => import('./features/drives/DriveDetailPage.tsx').then((m) => ({ default: m.DriveDetailPage })));
const JobsPage = lazy(() => import('./features/jobs/JobsPage.tsx').then((m) => ({ default: m.JobsPage })));
const JobDetailPage = lazy(() => import('./features/jobs/JobDetailPage.tsx').then((m) => ({ default: m.JobDetailPage })));
const FairsPage = lazy(() => import('./features/jobs/FairsPage.tsx').then((m) => ({ default: m.FairsPage })));
const FairDetailPage = lazy(() => import('./features/jobs/FairDetailPage.tsx').then((m) => ({ default: m.FairDetailPage })));

import { IndicatorSetsPage } from './features/strengthening/IndicatorSetsPage.tsx';
import { IndicatorSetPage } from './features/strengthening/IndicatorSetPage.tsx';
import { ScoreCardPage } from './features/strengthening/ScoreCardPage.tsx';
import { ReviewPage as AssessmentReviewPage } from './features/strengthening/ReviewPage.tsx';
import { RankingPage } from './features/strengthening/RankingPage.tsx';
import { ModelHomesPage } from './features/strengthening/ModelHomesPage.tsx';

const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const BigScreenPage = lazy(() => import('./features/dashboard/BigScreenPage.tsx').then((m) => ({ default: m.BigScreenPage })));

import { FoundingRequestsPage } from './features/enterprises/FoundingRequestsPage.tsx';
import { MemberDrawer as FoundingMemberDrawer } from './features/members/MemberDrawer.tsx';

/** A page whose code comes when it is first opened, with a spinner meanwhile. */
const lazyPage = (page: ReactNode) => <Suspense fallback={<Spin size="large" className="page-center" />}>{page}</Suspense>;

function RequireLogin({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) {
    return (
      <div className="page-center">
        <Spin size="large" tip="正在加载…">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  }
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function RequireAdmin({ children }: { children: ReactNode }) {
  const { hasRole } = useSession();
  if (!hasRole('admin')) {
    return <Result status="403" title={<PageTitle>没有权限</PageTitle>} subTitle="此页面仅限单位管理员使用，如需开通请联系上级工会。" />;
  }
  return children;
}

export function ConsoleApp() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* the big screen (大屏), outside the frame */}
      <Route path="/dashboard/screen" element={<RequireLogin>{lazyPage(<BigScreenPage />)}</RequireLogin>} />

      <Route
        element={
          <RequireLogin>
            <AppLayout />
          </RequireLogin>
        }
      >
        <Route index element={<Navigate to="/workbench" replace />} />
        <Route path="/workbench" element={<WorkbenchPage />} />
        <Route path="/orgs" element={<OrgTreePage />} />
        <Route path="/members" element={<MembersPage />} />
        <Route path="/applications" element={<ApplicationsPage />} />
        <Route path="/transfers" element={<TransfersPage />} />
        <Route path="/founding-targets" element={<FoundingTargetsPage />} />
        <Route
          path="/outbox"
          element={
            <RequireAdmin>
              <OutboxPage />
            </RequireAdmin>
          }
        />
        <Route path="/rosters" element={<RosterPage />} />
        <Route path="/verify-card" element={<VerifyCardPage />} />
        <Route path="/activities" element={<ActivitiesPage />} />
        <Route path="/activities/new" element={<PublishActivityPage />} />
        <Route path="/activities/checkin" element={<CheckinPage />} />
        <Route path="/activities/:id" element={<ActivityDetailPage />} />
        <Route path="/activities/:id/checkin" element={<CheckinPage />} />
        <Route path="/activities/:id/course" element={lazyPage(<CoursePage />)} />
        <Route path="/points" element={<PointsIssuePage />} />
        <Route path="/points/ledger" element={<PointsLedgerPage />} />
        <Route path="/campaigns" element={<CampaignsPage />} />
        <Route path="/campaigns/new" element={<PublishCampaignPage />} />
        <Route path="/campaigns/:id" element={<CampaignDetailPage />} />
        <Route path="/campaigns/:id/payouts" element={<PayoutsPage />} />
        <Route path="/payouts" element={<PayoutCampaignPicker />} />
        <Route path="/hardship" element={<HardshipListPage />} />
        <Route path="/hardship/new" element={<HardshipFormPage />} />
        <Route path="/hardship/:id" element={<HardshipDetailPage />} />
        <Route path="/hardship/:id/edit" element={<HardshipFormPage />} />
        <Route path="/hardship-figures" element={lazyPage(<HardshipFiguresPage />)} />
        <Route path="/tickets" element={<TicketQueuePage />} />
        <Route path="/tickets/new-call" element={<NewCallPage />} />
        <Route path="/tickets/:id" element={<TicketDetailPage />} />
        <Route path="/place-problems" element={<PlaceProblemsPage />} />
        <Route path="/place-problems/:id" element={<PlaceProblemPage />} />
        <Route path="/places/:id/desk" element={lazyPage(<PlaceDeskPage />)} />
        <Route path="/legal/lawyers" element={<LawyersPage />} />
        <Route path="/legal/lawyers/:id" element={<LawyerDetailPage />} />
        <Route path="/legal/supervisors" element={<SupervisorsPage />} />
        <Route path="/places" element={<PlacesPage />} />
        <Route path="/places/import" element={<PlaceImportPage />} />
        <Route path="/places/duplicates" element={<PlaceDuplicatesPage />} />
        <Route path="/places/:id" element={<PlaceDetailPage />} />
        <Route path="/supervision" element={<SupervisionPage />} />
        <Route path="/childcare" element={<ChildcarePage />} />
        <Route path="/childcare/:id" element={<ProgrammeDetailPage />} />
        <Route path="/childcare/sessions/:id" element={<SessionPage />} />
        <Route path="/place-bookings" element={<PlaceBookingsPage />} />
        <Route path="/supervision/:id" element={<CaseDetailPage />} />
        <Route path="/rights-settings/calendar" element={<CalendarPage />} />
        <Route path="/rights-settings/time-limits" element={<TimeLimitsPage />} />
        <Route path="/rights-settings/integrations" element={<IntegrationsPage />} />
        <Route path="/activity-stats" element={lazyPage(<ActivityStatsPage />)} />
        <Route path="/tickets/figures" element={lazyPage(<TicketFiguresPage />)} />
        <Route path="/place-figures" element={lazyPage(<PlaceFiguresPage />)} />
        <Route path="/enterprises" element={<EnterprisesPage />} />

        <Route path="/enterprises/:id" element={lazyPage(<EnterpriseFilePage />)} />

        <Route path="/drives" element={lazyPage(<DrivesPage />)} />
        <Route path="/skills-register" element={lazyPage(<SkillsRegisterPage />)} />
        <Route path="/certificates" element={lazyPage(<CertificatesPage />)} />
        <Route path="/drives/:id" element={lazyPage(<DriveDetailPage />)} />
        <Route path="/jobs" element={lazyPage(<JobsPage />)} />
        <Route path="/jobs/:id" element={lazyPage(<JobDetailPage />)} />
        <Route path="/job-fairs" element={lazyPage(<FairsPage />)} />
        <Route path="/job-fairs/:id" element={lazyPage(<FairDetailPage />)} />

        <Route path="/strengthening/sets" element={<IndicatorSetsPage />} />
        <Route path="/strengthening/sets/:id" element={<IndicatorSetPage />} />
        <Route path="/strengthening/cards" element={<ScoreCardPage />} />
        <Route path="/strengthening/review" element={<AssessmentReviewPage />} />
        <Route path="/strengthening/rankings" element={<RankingPage />} />
        <Route path="/strengthening/model-homes" element={<ModelHomesPage />} />

        <Route path="/dashboard" element={lazyPage(<DashboardPage />)} />

        <Route path="/founding-requests" element={<FoundingRequestsPage memberView={(id, close) => <FoundingMemberDrawer memberId={id} onClose={close} onChanged={() => undefined} />} />} />

        <Route path="/staff" element={<RequireAdmin><StaffPage /></RequireAdmin>} />
        <Route path="/audit" element={<RequireAdmin><AuditPage /></RequireAdmin>} />
        <Route path="*" element={<Result status="404" title={<PageTitle>页面不存在</PageTitle>} subTitle="请从左侧菜单进入。" />} />
      </Route>
    </Routes>
  );
}
