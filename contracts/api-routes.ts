// Every route the server serves, in one map: 'METHOD /path/:param' → the zod schemas of its path
// params, query, body and answer (from the contracts the routes themselves use), so the web apps'
// client (web/shared/api.ts) types every request and answer from here instead of casts.
// tests/api-routes.test.ts fails when this map and the server disagree (a route missing either side,
// or a schema that differs from the route's), so it cannot drift.
//
// Using it from the web apps (web/shared/api.ts):
//   const card = await api.get('/api/me/card');                                   // MyCard, no cast
//   const page = await api.get('/api/activities', { query: { status: 'published', pageSize: 100 } });
//   const one = await api.get('/api/activities/:id', { params: { id } });        // filled and encoded
//   await api.post('/api/me/signups/:id/cancel', { params: { id: s.id } });
//   await api.put('/api/me/bank-account', { body: { bankName, accountNumber } });
//   <img src={apiUrl('/api/activities/:id/cover', { params: { id } })} />            // file routes: a URL
// The answer is the response schema's output (z.output), the body its input (z.input); params and
// query take strings or numbers. Routes marked `file` answer a file (xlsx, image): build their URL with
// apiUrl() and hand it to downloadFile() or an <a>/<img>. A new route: add its entry here, in path order.
import { z } from 'zod';
import * as activities from './activities.ts';
import * as audit from './audit.ts';
import * as auth from './auth.ts';
import * as calendar from './calendar.ts';
import * as campaigns from './campaigns.ts';
import * as cards from './cards.ts';
import * as childcare from './childcare.ts';
import * as demo from './demo.ts';
import * as drives from './drives.ts';
import * as jobs from './jobs.ts';
import * as hardship from './hardship.ts';
import * as legal from './legal.ts';
import * as members from './members.ts';
import * as notices from './notices.ts';
import * as orgs from './orgs.ts';
import * as payouts from './payouts.ts';
import * as places from './places.ts';
import * as enterprisesRegister from './enterprises-register.ts';
import * as memberFigures from './member-figures.ts';
import * as enterpriseFacts from './enterprise-facts.ts';
import * as dashboard from './dashboard.ts';
import * as placeStatus from './place-status.ts';
import * as placeBookings from './place-bookings.ts';
import * as placesNearby from './places-nearby.ts';
import * as placeFigures from './place-figures.ts';
import * as points from './points.ts';
import * as rosters from './rosters.ts';
import * as staff from './staff.ts';
import * as supervision from './supervision.ts';
import * as ticketFigures from './ticket-figures.ts';
import * as ticketLawyers from './ticket-lawyers.ts';
import * as tickets from './tickets.ts';
import * as workbench from './workbench.ts';
import * as strengthening from './strengthening.ts';
import * as memberSkills from './member-skills.ts';
import * as courses from './courses.ts';
import * as foundingRequests from './founding-requests.ts';
import { idParam, listOf, okSchema, paging } from './common.ts';

export const apiRoutes = {
  'GET /api/activities': { query: activities.activityQuery, response: listOf(activities.activitySummary) },
  'POST /api/activities': { body: activities.createActivityBody, response: activities.activityDetail, status: 201 },
  'GET /api/activities/:id': { params: idParam, response: activities.activityDetail },
  'PATCH /api/activities/:id': { params: idParam, body: activities.updateActivityBody, response: activities.activityDetail },
  'POST /api/activities/:id/cancel': { params: idParam, body: activities.cancelActivityBody, response: activities.activityDetail },
  'POST /api/activities/:id/checkins': { params: idParam, body: activities.checkinBody, response: activities.checkinResponse },
  'GET /api/activities/:id/cover': { params: idParam, file: 'image' },
  'PUT /api/activities/:id/cover': { params: idParam, body: activities.coverBody, response: activities.activityDetail },
  'GET /api/activities/:id/draw': { params: idParam, response: activities.drawRecord },
  'POST /api/activities/:id/draw': { params: idParam, response: activities.drawRecord },
  'GET /api/activities/:id/results': { params: idParam, response: activities.resultsSchema },
  'GET /api/activities/:id/signups': { params: idParam, query: activities.signupQuery, response: listOf(activities.staffSignupSchema) },
  'POST /api/activities/:id/signups': { params: idParam, body: activities.signupBody, response: activities.signupResponse, status: 201, idempotent: true },
  'GET /api/activities/stats': { query: activities.statsPageQuery, response: activities.statsResponse },
  'GET /api/activities/stats/export': { query: activities.statsQuery, file: 'xlsx' },
  'GET /api/audit': { query: audit.auditQuery, response: listOf(audit.auditEntry) },
  'POST /api/auth/login': { body: auth.loginBody, response: auth.loginResponse },
  'POST /api/auth/logout': { response: okSchema },
  'POST /api/auth/member-login': { body: members.memberLoginBody, response: auth.memberLoginResponse },
  'POST /api/auth/password': { body: auth.changePasswordBody, response: okSchema },
  'POST /api/auth/sms-code': { body: members.smsCodeBody, response: members.smsCodeResponse },
  'GET /api/calendar/days': { query: calendar.calendarQuery, response: calendar.calendarYear },
  'PUT /api/calendar/days/:day': { params: calendar.calendarDayParams, body: calendar.setCalendarDayBody, response: calendar.calendarDay },
  'POST /api/calendar/days/:day/remove': { params: calendar.calendarDayParams, body: calendar.removeCalendarDayBody, response: okSchema },
  'GET /api/campaign-applications/:id': { params: idParam, response: campaigns.staffApplicationDetail },
  'GET /api/campaign-applications/:id/documents': { params: idParam, query: campaigns.documentQuery, file: 'binary' },
  'POST /api/campaign-applications/:id/objections': { params: idParam, body: campaigns.objectionBody, response: campaigns.objectionSchema, status: 201 },
  'POST /api/campaign-applications/:id/review': { params: idParam, body: campaigns.reviewBody, response: campaigns.reviewResponse },
  'POST /api/campaign-objections/:id/resolve': { params: idParam, body: campaigns.resolveObjectionBody, response: campaigns.objectionSchema },
  'GET /api/campaigns': { query: campaigns.campaignQuery, response: campaigns.campaignList },
  'POST /api/campaigns': { body: campaigns.createCampaignBody, response: campaigns.campaignDetail, status: 201 },
  'GET /api/campaigns/:id': { params: idParam, response: campaigns.campaignDetail },
  'PATCH /api/campaigns/:id': { params: idParam, body: campaigns.updateCampaignBody, response: campaigns.campaignDetail },
  'GET /api/campaigns/:id/applications': { params: idParam, query: campaigns.applicationQuery, response: campaigns.staffApplicationList },
  'POST /api/campaigns/:id/applications': { params: idParam, body: campaigns.applyBody, response: campaigns.applyResponse, status: 201, idempotent: true },
  'POST /api/campaigns/:id/applications-on-behalf': { params: idParam, body: campaigns.applyOnBehalfBody, response: campaigns.applyResponse, status: 201, idempotent: true },
  'GET /api/campaigns/:id/applications/export': { params: idParam, query: campaigns.applicationQuery.omit({ page: true, pageSize: true }), file: 'xlsx' },
  'POST /api/campaigns/:id/cancel': { params: idParam, body: campaigns.cancelCampaignBody, response: campaigns.campaignDetail },
  'GET /api/campaigns/:id/draw': { params: idParam, response: campaigns.drawResponse },
  'POST /api/campaigns/:id/draw': { params: idParam, response: campaigns.drawResponse },
  'GET /api/campaigns/:id/notice': { params: idParam, query: campaigns.noticeQuery, response: campaigns.noticeResponse },
  'POST /api/campaigns/:id/notice': { params: idParam, body: campaigns.noticeBody, response: campaigns.noticeStartResponse },
  'GET /api/campaigns/:id/objections': { params: idParam, query: campaigns.objectionQuery, response: campaigns.objectionList },
  'GET /api/campaigns/:id/payment-files': { params: payouts.campaignIdParam, query: payouts.paymentFileQuery, response: payouts.paymentFileList },
  'POST /api/campaigns/:id/payment-files': { params: payouts.campaignIdParam, body: payouts.paymentFileBody, response: payouts.paymentFile, status: 201 },
  'GET /api/campaigns/:id/payouts': { params: payouts.campaignIdParam, query: payouts.payoutListQuery, response: payouts.payoutList },
  'POST /api/campaigns/:id/payouts/approve': { params: payouts.campaignIdParam, body: payouts.approvePayoutsBody, response: payouts.approvePayoutsResult },
  'POST /api/campaigns/:id/payouts/run': { params: payouts.campaignIdParam, response: payouts.runPayoutsResult, status: 201, idempotent: true },
  'GET /api/cards/keys': { response: cards.signingKeysResponse },
  'POST /api/cards/keys/rotate': { body: cards.rotateKeyBody, response: cards.rotateKeyResponse, status: 201 },
  'POST /api/childcare/enrolments/:id/reveal': { params: idParam, body: childcare.revealBody, response: childcare.revealedChild },
  'GET /api/childcare/programmes': { query: childcare.programmeListQuery, response: childcare.programmeList },
  'POST /api/childcare/programmes': { body: childcare.createProgrammeBody, response: childcare.programmeDetail, status: 201, idempotent: true },
  'GET /api/childcare/programmes/:id': { params: idParam, response: childcare.programmeDetail },
  'PATCH /api/childcare/programmes/:id': { params: idParam, body: childcare.updateProgrammeBody, response: childcare.programmeDetail },
  'POST /api/childcare/programmes/:id/allocate': { params: idParam, response: childcare.allocationResult },
  'POST /api/childcare/programmes/:id/close': { params: idParam, response: childcare.programmeDetail },
  'GET /api/childcare/programmes/:id/enrolments': { params: idParam, query: childcare.staffEnrolmentQuery, response: childcare.staffEnrolmentList },
  'POST /api/childcare/programmes/:id/publish': { params: idParam, response: childcare.programmeDetail },
  'GET /api/childcare/sessions/:id': { params: idParam, response: childcare.sessionRoster },
  'PUT /api/childcare/sessions/:id/attendance': { params: idParam, body: childcare.attendanceBody, response: childcare.sessionRoster },
  'POST /api/childcare/sessions/:id/pickups': { params: idParam, body: childcare.pickupBody, response: childcare.sessionRoster },
  'GET /api/childcare/sessions/:id/roster.xlsx': { params: idParam, file: 'xlsx' },
  'POST /api/childcare/programmes/:id/purge': { params: idParam, body: childcare.purgeBody, response: childcare.programmeDetail },
  'GET /api/cards/revocations': { query: cards.revocationQuery, response: cards.revocationsResponse },
  'POST /api/cards/verify': { body: cards.verifyBody, response: cards.verifyResponse },
  'GET /api/demo': { response: demo.demoInfoResponse },
  'GET /api/demo/login-code': { query: demo.demoLoginCodeQuery, response: demo.demoLoginCodeResponse },
  'GET /api/enterprises/founding-targets': { query: members.foundingTargetQuery, response: listOf(members.foundingTarget) },
  'GET /api/enterprises/suggest': { query: members.suggestQuery, response: listOf(members.enterpriseSuggestion) },
  'GET /api/hardship/figures': { query: hardship.hardshipFiguresQuery, response: hardship.hardshipFigures },
  'GET /api/hardship/files': { query: hardship.hardshipListQuery, response: hardship.hardshipFileList },
  'POST /api/hardship/files': { body: hardship.createHardshipFileBody, response: hardship.hardshipFileView, status: 201 },
  'GET /api/hardship/files/:id': { params: idParam, response: hardship.hardshipFileView },
  'PATCH /api/hardship/files/:id': { params: idParam, body: hardship.updateHardshipFileBody, response: hardship.hardshipFileView },
  'POST /api/hardship/files/:id/aid': { params: idParam, body: hardship.addHardshipAidBody, response: hardship.hardshipFileView, status: 201 },
  'GET /api/hardship/files/:id/details': { params: idParam, response: hardship.hardshipFileDetails },
  'POST /api/hardship/files/:id/status': { params: idParam, body: hardship.changeHardshipStatusBody, response: hardship.hardshipFileView },
  'POST /api/hardship/files/:id/visits': { params: idParam, body: hardship.addHardshipVisitBody, response: hardship.hardshipFileView, status: 201 },
  'GET /api/hardship/files/export': { query: hardship.hardshipExportQuery, file: 'xlsx' },
  'PUT /api/hardship/targets': { body: hardship.setHardshipTargetBody, response: hardship.hardshipTarget },
  'GET /api/job-fairs': { query: jobs.fairListQuery, response: listOf(jobs.fairSummary) },
  'POST /api/job-fairs': { body: jobs.createFairBody, response: jobs.fairDetail, status: 201 },
  'GET /api/job-fairs/import-template': { file: 'xlsx' },
  'GET /api/job-fairs/:id': { params: idParam, response: jobs.fairDetail },
  'PATCH /api/job-fairs/:id': { params: idParam, body: jobs.updateFairBody, response: jobs.fairDetail },
  'POST /api/job-fairs/:id/cancel': { params: idParam, body: jobs.jobStatusBody, response: jobs.fairDetail },
  'POST /api/job-fairs/:id/import': { params: idParam, query: jobs.jobImportQuery, body: jobs.jobImportForm, multipart: true, response: jobs.jobImportAnswer, status: 201, idempotent: true },
  'POST /api/job-fairs/:id/import/errors': { params: idParam, body: jobs.jobImportForm, multipart: true, file: 'xlsx' },
  'GET /api/jobs': { query: jobs.jobListQuery, response: listOf(jobs.jobSummary) },
  'POST /api/jobs': { body: jobs.createJobBody, response: jobs.jobDetail, status: 201, idempotent: true },
  'GET /api/jobs/:id': { params: idParam, response: jobs.jobDetail },
  'PATCH /api/jobs/:id': { params: idParam, body: jobs.updateJobBody, response: jobs.jobDetail },
  'POST /api/jobs/:id/close': { params: idParam, body: jobs.jobStatusBody, response: jobs.jobDetail, idempotent: true },
  'POST /api/jobs/:id/contact/reveal': { params: idParam, body: jobs.revealJobContactBody, response: jobs.jobContact },
  'POST /api/jobs/:id/withdraw': { params: idParam, body: jobs.jobStatusBody, response: jobs.jobDetail, idempotent: true },
  'GET /api/legal/lawyers': { query: legal.lawyerListQuery, response: legal.lawyerList },
  'POST /api/legal/lawyers': { body: legal.createLawyerBody, response: legal.lawyerView, status: 201, idempotent: true },
  'GET /api/legal/lawyers/:id': { params: idParam, response: legal.lawyerView },
  'PATCH /api/legal/lawyers/:id': { params: idParam, body: legal.updateLawyerBody, response: legal.lawyerView },
  'POST /api/legal/lawyers/:id/reveal': { params: idParam, body: legal.revealLawyerBody, response: legal.revealedLawyerPhone },
  'GET /api/legal/supervisors': { query: legal.supervisorListQuery, response: legal.supervisorList },
  'POST /api/legal/supervisors': { body: legal.createSupervisorBody, response: legal.supervisorView, status: 201, idempotent: true },
  'GET /api/legal/supervisors/:id': { params: idParam, response: legal.supervisorView },
  'PATCH /api/legal/supervisors/:id': { params: idParam, body: legal.updateSupervisorBody, response: legal.supervisorView },
  'GET /api/legal/supervisors/:id/letter-preview': { params: idParam, query: legal.letterPreviewQuery, file: 'pdf' },
  'GET /api/me/jobs': { query: jobs.memberJobListQuery, response: listOf(jobs.jobSummary) },
  'GET /api/me/jobs/:id': { params: idParam, response: jobs.memberJob },
  'GET /api/supervision/cases': { query: supervision.caseListQuery, response: supervision.caseList },
  'POST /api/supervision/cases': { body: supervision.createCaseBody, response: supervision.createdCase, status: 201, idempotent: true },
  'GET /api/supervision/cases/:id': { params: idParam, response: supervision.caseDetail },
  'PATCH /api/supervision/cases/:id': { params: idParam, body: supervision.updateCaseBody, response: supervision.caseDetail },
  'POST /api/supervision/cases/:id/tickets': { params: idParam, body: supervision.addTicketsBody, response: supervision.caseDetail },
  'POST /api/supervision/cases/:id/letters': { params: idParam, body: supervision.issueLetterBody, response: supervision.issuedLetter, status: 201, idempotent: true },
  'GET /api/supervision/cases/:id/letters/:letterId/pdf': { params: supervision.letterParams, file: 'pdf' },
  'POST /api/supervision/cases/:id/letters/:letterId/delivery': { params: supervision.letterParams, body: supervision.deliveryBody, response: supervision.caseDetail },
  'POST /api/supervision/cases/:id/letters/:letterId/reply': { params: supervision.letterParams, body: supervision.replyBody, response: supervision.caseDetail },
  'POST /api/supervision/cases/:id/escalate': { params: idParam, body: supervision.escalateBody, response: supervision.escalatedCase },
  'POST /api/supervision/cases/:id/close': { params: idParam, body: supervision.closeCaseBody, response: supervision.caseDetail },
  'GET /api/supervision/rules': { query: supervision.ruleQuery, response: supervision.ruleView },
  'PUT /api/supervision/rules': { body: supervision.putRuleBody, response: supervision.ruleView },
  'GET /api/supervision/figures': { query: supervision.figuresQuery, response: supervision.supervisionFigures },
  'GET /api/me': { response: z.union([auth.staffMe, auth.memberMe]) },
  'POST /api/integration/tickets': { body: tickets.integrationTicketBody, response: tickets.integrationTicket, status: 201, idempotent: true },
  'GET /api/me/applications': { query: members.myApplicationsQuery, response: listOf(members.applicationSchema) },
  'GET /api/me/bank-account': { response: payouts.myBankAccount },
  'PUT /api/me/bank-account': { body: payouts.bankAccountBody, response: payouts.myBankAccount },
  'GET /api/me/campaign-applications': { query: campaigns.myApplicationsQuery, response: campaigns.myApplicationList },
  'POST /api/me/campaign-applications/:id/resubmit': { params: idParam, body: campaigns.resubmitBody, response: campaigns.applicationSchema },
  'POST /api/me/campaign-applications/:id/withdraw': { params: idParam, response: campaigns.applicationSchema },
  'GET /api/me/campaigns': { query: campaigns.myCampaignQuery, response: campaigns.campaignList },
  'GET /api/me/card': { response: cards.myCardResponse },
  'GET /api/me/childcare/enrolments': { query: childcare.memberProgrammeQuery, response: childcare.myEnrolmentList },
  'POST /api/me/childcare/enrolments/:id/cancel': { params: idParam, response: childcare.myEnrolment },
  'GET /api/me/childcare/programmes': { query: childcare.memberProgrammeQuery, response: childcare.memberProgrammeList },
  'GET /api/me/childcare/programmes/:id': { params: idParam, response: childcare.memberProgrammeDetail },
  'POST /api/me/childcare/programmes/:id/enrolments': { params: idParam, body: childcare.enrolBody, response: childcare.myEnrolment, status: 201, idempotent: true },
  'GET /api/me/payouts': { query: payouts.myPayoutsQuery, response: payouts.myPayouts },
  'POST /api/me/payouts/:id/confirm': { params: idParam, response: payouts.myPayout },
  'POST /api/me/phone-change': { body: members.phoneChangeBody, response: auth.memberMe },
  'GET /api/me/place-bookings': { query: placeBookings.myBookingsQuery, response: listOf(placeBookings.myBooking) },
  'POST /api/me/place-bookings/:id/cancel': { params: idParam, response: placeBookings.myBooking },
  'GET /api/me/place-problems': { query: placeStatus.myPlaceProblemsQuery, response: listOf(placeStatus.myPlaceProblem) },
  'POST /api/me/place-visits': { body: placeStatus.doorVisitBody, response: placeStatus.visitAnswer },
  'GET /api/me/places/:id/booking-board': { params: idParam, query: placeBookings.boardQuery, response: placeBookings.bookingBoard },
  'POST /api/me/places/:id/problems': { params: idParam, body: placeStatus.reportProblemForm, multipart: true, response: placeStatus.myPlaceProblem, status: 201, idempotent: true },
  'GET /api/me/places/:id/report': { params: idParam, response: placeStatus.placeReportInfo },
  'GET /api/me/points': { query: points.myPointsQuery, response: points.myPoints },
  'POST /api/me/points/redemptions': { body: points.redeemPointsBody, response: points.pointOperation, status: 201, idempotent: true },
  'GET /api/me/places/:id': { params: placesNearby.placeIdParam, query: placesNearby.memberPlaceQuery, response: placesNearby.memberPlace },
  'GET /api/me/places/nearby': { query: placesNearby.nearbyQuery, response: placesNearby.nearbyAnswer },
  'GET /api/me/places/towns': { query: placesNearby.townPointsQuery, response: listOf(placesNearby.townPoint) },
  'GET /api/me/signups': { query: z.strictObject({ ...paging }), response: listOf(activities.memberSignupSchema) },
  'POST /api/me/signups/:id/cancel': { params: idParam, response: activities.memberSignupSchema },
  'POST /api/me/transfer': { body: members.memberTransferBody, response: members.transferSchema, status: 201 },
  'GET /api/me/tickets': { query: tickets.myTicketQuery, response: tickets.myTicketList },
  'POST /api/me/tickets': { body: tickets.createMyTicketBody, response: tickets.myTicket, status: 201, idempotent: true },
  'GET /api/me/ticket-attachments/:id': { params: idParam, query: tickets.attachmentFileQuery, file: 'binary' },
  'GET /api/me/tickets/:id': { params: idParam, response: tickets.myTicket },
  'POST /api/me/tickets/:id/attachments': { params: idParam, body: tickets.ticketAttachmentUploadForm, multipart: true, response: tickets.ticketAttachment, status: 201, idempotent: true },
  'POST /api/me/tickets/:id/rating': { params: idParam, body: tickets.rateTicketBody, response: tickets.myTicket, idempotent: true },
  'GET /api/me/transfers': { query: members.myTransfersQuery, response: listOf(members.transferSchema) },
  'GET /api/members': { query: members.memberQuery, response: listOf(members.memberSummary) },
  'GET /api/members/:id': { params: idParam, response: members.memberDetail },
  'GET /api/members/:id/bank-account': { params: idParam, response: payouts.myBankAccount },
  'POST /api/members/:id/bank-account/reveal': { params: idParam, body: payouts.revealBankAccountBody, response: payouts.revealedBankAccount },
  'POST /api/members/:id/bank-card': { params: idParam, body: cards.bankCardBody, response: cards.cardSummary },
  'POST /api/members/:id/phone': { params: idParam, body: members.staffPhoneChangeBody, response: members.memberDetail },
  'POST /api/members/:id/reveal': { params: idParam, body: members.revealBody, response: members.revealResponse },
  'POST /api/members/:id/status': { params: idParam, body: members.changeStatusBody, response: members.memberDetail },
  'POST /api/members/:id/transfers': { params: idParam, body: members.staffTransferBody, response: members.transferSchema, status: 201 },
  'GET /api/members/applications': { query: members.applicationQuery, response: listOf(members.applicationSchema) },
  'POST /api/members/applications/:id/approve': { params: idParam, response: members.applicationSchema },
  'POST /api/members/applications/:id/reject': { params: idParam, body: members.rejectBody, response: members.applicationSchema },
  'POST /api/members/applications/approve': { body: members.approveManyBody, response: members.approveManyResponse },
  'GET /api/members/export': { query: rosters.memberExportQuery, file: 'xlsx' },
  'POST /api/members/join': { body: members.joinBody, response: members.joinResponse, status: 201 },
  'GET /api/members/transfers': { query: members.transferQuery, response: listOf(members.transferSchema) },
  'POST /api/members/transfers/:id/accept': { params: idParam, response: members.transferSchema },
  'POST /api/members/transfers/:id/reject': { params: idParam, body: members.rejectBody, response: members.transferSchema },
  'GET /api/orgs': { query: orgs.orgSearchQuery, response: listOf(orgs.orgSummary) },
  'POST /api/orgs': { body: orgs.foundOrgBody, response: orgs.orgDetail, status: 201 },
  'GET /api/orgs/:id': { params: idParam, response: orgs.orgDetail },
  'PATCH /api/orgs/:id': { params: idParam, body: orgs.updateOrgBody, response: orgs.orgDetail },
  'GET /api/orgs/:id/children': { params: idParam, query: orgs.orgChildrenQuery, response: listOf(orgs.orgSummary) },
  'POST /api/orgs/:id/close': { params: idParam, body: orgs.closeOrgBody, response: orgs.orgDetail },
  'POST /api/orgs/:id/move': { params: idParam, body: orgs.moveOrgBody, response: orgs.orgDetail },
  'GET /api/outbox': { query: notices.outboxQuery, response: listOf(notices.notice) },
  'GET /api/payment-files/:id/download': { params: idParam, file: 'xlsx' },
  'POST /api/payment-files/:id/returns': { params: idParam, body: payouts.paymentReturnBody, response: payouts.paymentReturnResult },
  'GET /api/payouts/:id': { params: idParam, response: payouts.payoutDetail },
  'POST /api/payouts/:id/result': { params: idParam, body: payouts.payoutResultBody, response: payouts.payoutDetail },
  'POST /api/payouts/:id/retry': { params: idParam, response: payouts.payoutDetail },
  'GET /api/place-bookings': { query: placeBookings.bookingListQuery, response: listOf(placeBookings.staffBooking) },
  'POST /api/place-bookings/:id/approve': { params: idParam, response: placeBookings.staffBooking },
  'POST /api/place-bookings/:id/reject': { params: idParam, body: placeBookings.rejectBookingBody, response: placeBookings.staffBooking },
  'GET /api/place-bookings/figures': { query: placeBookings.bookingFiguresQuery, response: placeBookings.bookingFigures },
  'GET /api/place-bookings/places': { query: placeBookings.bookablePlacesQuery, response: listOf(placeBookings.bookablePlace) },
  'GET /api/place-photos/:id': { params: idParam, file: 'image' },
  'GET /api/place-problems': { query: placeStatus.placeProblemQuery, response: listOf(placeStatus.placeProblem) },
  'GET /api/place-problems/:id': { params: idParam, response: placeStatus.placeProblemDetail },
  'GET /api/place-problems/:id/photo': { params: idParam, file: 'image' },
  'POST /api/place-problems/:id/resolve': { params: idParam, body: placeStatus.resolveProblemBody, response: placeStatus.placeProblemDetail },
  'POST /api/place-problems/:id/reveal': { params: idParam, body: placeStatus.revealReporterBody, response: placeStatus.revealedReporterPhone },
  'PATCH /api/place-slots/:id': { params: idParam, body: placeBookings.updateSlotBody, response: placeBookings.slotSchema },
  'POST /api/place-slots/:id/bookings': { params: idParam, response: placeBookings.myBooking, status: 201, idempotent: true },
  'POST /api/place-slots/:id/cancel': { params: idParam, body: placeBookings.cancelSlotBody, response: placeBookings.cancelledSlot },
  'GET /api/places': { query: members.placesQuery, response: listOf(members.place) },
  'POST /api/places': { body: places.createPlaceBody, response: places.placeWriteAnswer, status: 201, idempotent: true },
  'GET /api/places/:id': { params: idParam, response: places.placeDetail },
  'PATCH /api/places/:id': { params: idParam, body: places.updatePlaceBody, response: places.placeWriteAnswer },
  'GET /api/places/:id/booking-rule': { params: idParam, response: placeBookings.bookingRule },
  'PUT /api/places/:id/booking-rule': { params: idParam, body: placeBookings.putBookingRuleBody, response: placeBookings.bookingRule },
  'POST /api/places/:id/checkins': { params: idParam, body: placeBookings.checkinBody, response: placeBookings.bookingCheckin },
  'POST /api/places/:id/close': { params: idParam, body: places.closePlaceBody, response: places.placeDetail },
  'GET /api/places/:id/desk': { params: idParam, response: placeStatus.placeDesk },
  'DELETE /api/places/:id/exceptions/:day': { params: places.placeDayParams, response: places.placeDetail },
  'PUT /api/places/:id/exceptions/:day': { params: places.placeDayParams, body: places.setExceptionBody, response: places.placeDetail },
  'POST /api/places/:id/live': { params: idParam, body: placeStatus.setLiveBody, response: placeStatus.placeDesk },
  'POST /api/places/:id/merge': { params: idParam, body: places.mergePlaceBody, response: places.placeDetail },
  'POST /api/places/:id/photos': { params: idParam, body: places.placePhotoUploadForm, multipart: true, response: places.placePhoto, status: 201, idempotent: true },
  'DELETE /api/places/:id/photos/:photoId': { params: places.placePhotoParams, response: okSchema },
  'POST /api/places/:id/reopen': { params: idParam, response: places.placeDetail },
  'POST /api/places/:id/reveal': { params: idParam, body: places.revealKeeperBody, response: places.revealedKeeperPhone },
  'GET /api/places/:id/slots': { params: idParam, query: placeBookings.slotListQuery, response: listOf(placeBookings.slotSchema) },
  'POST /api/places/:id/slots': { params: idParam, body: placeBookings.createSlotsBody, response: placeBookings.createdSlots, status: 201 },
  'POST /api/places/:id/visits': { params: idParam, body: placeStatus.cardVisitBody, response: placeStatus.cardVisitAnswer },
  'GET /api/places/duplicates': { query: places.duplicatePairQuery, response: listOf(places.duplicatePair) },
  'GET /api/places/figures': { query: placeFigures.placeFiguresQuery, response: placeFigures.placeFigures },
  'GET /api/places/figures.xlsx': { query: placeFigures.placeFiguresQuery, file: 'xlsx' },
  'POST /api/places/import': { query: places.placeImportQuery, body: places.placeImportForm, multipart: true, response: places.placeImportAnswer, status: 201, idempotent: true },
  'GET /api/places/import-template': { file: 'xlsx' },
  'GET /api/places/register': { query: places.placeListQuery, response: listOf(places.placeSummary) },
  'POST /api/place-merges/:id/undo': { params: idParam, body: places.undoMergeBody, response: places.placeDetail },
  'POST /api/places/import/errors': { query: places.placeImportErrorsQuery, body: places.placeImportForm, multipart: true, file: 'xlsx' },
  'POST /api/points/expiries': { body: points.expirePointsBody, response: points.pointOperation, status: 201, idempotent: true },
  'POST /api/points/issues': { body: points.issuePointsBody, response: points.pointOperation, status: 201, idempotent: true },
  'GET /api/points/operations': { query: points.pointOperationsQuery, response: points.pointOperationList },
  'GET /api/points/operations/:id': { params: idParam, response: points.pointOperation },
  'GET /api/points/operations/:id/entries': { params: idParam, query: points.pointOperationEntriesQuery, response: points.pointOperationEntries },
  'POST /api/points/operations/:id/reverse': { params: idParam, body: points.reversePointsBody, response: points.pointOperation, status: 201, idempotent: true },
  'GET /api/points/operations/export': { query: points.pointOperationsExportQuery, file: 'xlsx' },
  'GET /api/points/totals': { query: points.pointTotalsQuery, response: points.pointTotals },
  'GET /api/rosters': { query: rosters.rosterJobQuery, response: rosters.rosterJobList },
  'POST /api/rosters': { body: rosters.rosterUploadForm, multipart: true, response: rosters.rosterJob, status: 202 },
  'GET /api/rosters/:jobId': { params: rosters.rosterJobParams, response: rosters.rosterJob },
  'GET /api/rosters/:jobId/errors': { params: rosters.rosterJobParams, file: 'xlsx' },
  'GET /api/rosters/template': { file: 'xlsx' },
  'GET /api/staff': { query: staff.staffQuery, response: listOf(staff.staffAccount) },
  'POST /api/staff': { body: staff.createStaffBody, response: staff.staffAccount, status: 201 },
  'GET /api/staff/:id': { params: idParam, response: staff.staffAccount },
  'PATCH /api/staff/:id': { params: idParam, body: staff.updateStaffBody, response: staff.staffAccount },
  'POST /api/staff/:id/password': { params: idParam, body: staff.resetPasswordBody, response: okSchema },
  'GET /api/ticket-attachments/:id': { params: idParam, query: tickets.attachmentFileQuery, file: 'binary' },
  'GET /api/tickets/figures': { query: ticketFigures.ticketFiguresQuery, response: ticketFigures.ticketFigures },
  'GET /api/tickets/figures.xlsx': { query: ticketFigures.ticketFiguresQuery, file: 'xlsx' },
  'GET /api/tickets/integrations': { query: tickets.integrationAccountQuery, response: tickets.integrationAccountList },
  'POST /api/tickets/integrations': { body: tickets.createIntegrationAccountBody, response: tickets.createdIntegrationAccount, status: 201 },
  'POST /api/tickets/integrations/:id/revoke': { params: idParam, response: tickets.integrationAccount },
  'GET /api/tickets': { query: tickets.ticketQueueQuery, response: tickets.ticketList },
  'POST /api/tickets': { body: tickets.createTicketBody, response: tickets.ticketDetail, status: 201, idempotent: true },
  'GET /api/tickets/:id': { params: idParam, response: tickets.ticketDetail },
  'POST /api/tickets/:id/attachments': { params: idParam, body: tickets.ticketAttachmentUploadForm, multipart: true, response: tickets.ticketAttachment, status: 201, idempotent: true },
  'GET /api/tickets/counts': { response: tickets.ticketCounts },
  'GET /api/tickets/:id/handlers': { params: idParam, query: tickets.ticketHandlersQuery, response: tickets.ticketHandlers },
  'POST /api/tickets/:id/callback': { params: idParam, body: tickets.callbackTicketBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/quality': { params: idParam, body: tickets.qualityCheckTicketBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/accept': { params: idParam, body: tickets.acceptTicketBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/assign': { params: idParam, body: tickets.assignTicketBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/close': { params: idParam, body: tickets.closeTicketBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/extension': { params: idParam, body: tickets.requestExtensionBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/extension/decide': { params: idParam, body: tickets.decideExtensionBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/pause': { params: idParam, body: tickets.pauseTicketBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/resume': { params: idParam, body: tickets.resumeTicketBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/return': { params: idParam, body: tickets.returnTicketBody, response: tickets.ticketDetail, idempotent: true },
  'POST /api/tickets/:id/reveal': { params: idParam, body: tickets.revealTicketBody, response: tickets.ticketContact },
  'GET /api/tickets/:id/lawyers': { params: idParam, response: ticketLawyers.ticketLawyers },
  'GET /api/tickets/:id/lawyer-candidates': { params: idParam, query: ticketLawyers.lawyerCandidatesQuery, response: ticketLawyers.lawyerCandidates },
  'POST /api/tickets/:id/lawyer': { params: idParam, body: ticketLawyers.assignLawyerBody, response: ticketLawyers.ticketLawyerWrite, status: 201, idempotent: true },
  'POST /api/tickets/:id/lawyer/end': { params: idParam, body: ticketLawyers.endLawyerBody, response: ticketLawyers.ticketLawyers },
  'GET /api/lawyer/me': { response: ticketLawyers.lawyerMe },
  'GET /api/lawyer/tickets': { query: ticketLawyers.lawyerTicketQuery, response: ticketLawyers.lawyerTicketList },
  'GET /api/lawyer/tickets/:id': { params: idParam, response: ticketLawyers.lawyerTicketDetail },
  'POST /api/lawyer/tickets/:id/entries': { params: idParam, body: ticketLawyers.lawyerEntryBody, response: ticketLawyers.ticketLawyerWrite, status: 201, idempotent: true },
  'POST /api/lawyer/tickets/:id/outcome': { params: idParam, body: ticketLawyers.lawyerOutcomeBody, response: ticketLawyers.ticketLawyerWrite, idempotent: true },
  'GET /api/tickets/time-limits': { query: tickets.timeLimitsQuery, response: tickets.timeLimits },
  'PUT /api/tickets/time-limits': { body: tickets.setTimeLimitBody, response: tickets.timeLimits },
  'GET /api/enterprises': { query: enterprisesRegister.enterpriseListQuery, response: listOf(enterprisesRegister.enterpriseSummary) },
  'POST /api/enterprises': { body: enterprisesRegister.createEnterpriseBody, response: enterprisesRegister.enterpriseSummary, status: 201, idempotent: true },
  'POST /api/enterprises/:id/merge': { params: idParam, body: enterprisesRegister.mergeEnterpriseBody, response: enterprisesRegister.mergeEnterpriseAnswer },
  'GET /api/enterprises/import-template': { file: 'xlsx' },
  'POST /api/enterprises/import': { body: enterprisesRegister.enterpriseImportForm, multipart: true, response: enterprisesRegister.enterpriseImportAnswer, status: 201, idempotent: true },
  'POST /api/enterprises/import/errors': { query: enterprisesRegister.enterpriseImportErrorsQuery, body: enterprisesRegister.enterpriseImportForm, multipart: true, file: 'xlsx' },
  'GET /api/enterprises/export.xlsx': { query: enterprisesRegister.enterpriseExportQuery, file: 'xlsx' },

  'GET /api/enterprises/:id': { params: idParam, response: enterpriseFacts.enterpriseFile },
  'GET /api/enterprises/:id/history': { params: idParam, query: enterpriseFacts.historyQuery, response: enterpriseFacts.factHistory },
  'POST /api/enterprises/:id/facts': { params: idParam, body: enterpriseFacts.recordFactBody, response: enterpriseFacts.recordedFact, status: 201, idempotent: true },
  'POST /api/enterprises/:id/move-parked': { params: idParam, response: enterpriseFacts.moveParkedResult },
  'POST /api/orgs/:id/union-facts': { params: idParam, body: enterpriseFacts.recordFactBody, response: enterpriseFacts.recordedFact, status: 201, idempotent: true },
  'POST /api/file-evidence': { query: enterpriseFacts.evidenceQuery, body: enterpriseFacts.evidenceUploadForm, multipart: true, response: enterpriseFacts.evidenceSummary, status: 201, idempotent: true },
  'GET /api/file-evidence/:id': { params: idParam, query: enterpriseFacts.evidenceFileQuery, file: 'binary' },

  'GET /api/dashboard/series': { query: memberFigures.memberSeriesQuery, response: memberFigures.memberSeries },

  'GET /api/drives': { query: drives.driveListQuery, response: listOf(drives.driveSummary) },
  'POST /api/drives': { body: drives.createDriveBody, response: drives.driveDetail, status: 201 },
  'GET /api/drives/:id': { params: idParam, response: drives.driveDetail },
  'PATCH /api/drives/:id': { params: idParam, body: drives.updateDriveBody, response: drives.driveDetail },
  'POST /api/drives/:id/targets': { params: idParam, body: drives.addDriveTargetBody, response: drives.driveDetail, status: 201 },
  'POST /api/drive-targets/:id/steps': { params: idParam, body: drives.driveStepBody, response: drives.driveTarget, status: 201, idempotent: true },
  'POST /api/drive-targets/:id/drop': { params: idParam, body: drives.dropDriveTargetBody, response: drives.driveTarget, idempotent: true },
  'POST /api/drive-targets/:id/link-union': { params: idParam, body: drives.linkDriveUnionBody, response: drives.driveTarget, idempotent: true },
  'POST /api/drive-targets/:id/contact/reveal': { params: idParam, body: drives.revealContactBody, response: drives.driveContact },

  'GET /api/skills': { query: memberSkills.skillSearchQuery, response: memberSkills.skillSearchResult },
  'GET /api/me/skills': { query: memberSkills.myListQuery, response: memberSkills.mySkillList },
  'POST /api/me/skills': { body: memberSkills.addSelfSkillBody, response: memberSkills.mySkillList },
  'DELETE /api/me/skills/:id': { params: idParam, response: memberSkills.mySkillList },
  'GET /api/me/certificates': { query: memberSkills.myListQuery, response: memberSkills.myCertificateList },
  'POST /api/me/certificates': { body: memberSkills.addCertificateBody, response: memberSkills.certificateItem, status: 201 },
  'GET /api/me/job-profile': { response: memberSkills.jobProfile },
  'PUT /api/me/job-profile': { body: memberSkills.jobProfileBody, response: memberSkills.jobProfile },
  'POST /api/me/job-profile/consent': { response: memberSkills.jobProfile },
  'POST /api/me/job-profile/withdraw': { response: memberSkills.jobProfile },
  'GET /api/skill-register': { query: memberSkills.skillRegisterQuery, response: listOf(memberSkills.skillRegisterRow) },
  'GET /api/certificates': { query: memberSkills.certificateRegisterQuery, response: listOf(memberSkills.certificateRegisterRow) },
  'POST /api/certificates/:id/verify': { params: idParam, response: memberSkills.certificateRegisterRow },

  'GET /api/courses/results-template': { file: 'xlsx' },
  'GET /api/courses/:id': { params: idParam, response: courses.courseDetail },
  'PUT /api/courses/:id': { params: idParam, body: courses.courseBody, response: courses.courseDetail },
  'PUT /api/courses/:id/results': { params: idParam, body: courses.courseResultBody, response: courses.courseDetail },
  'POST /api/courses/:id/results/import': { params: idParam, body: courses.courseResultsForm, multipart: true, response: courses.courseResultsImportAnswer },
  'POST /api/courses/:id/results/import/errors': { params: idParam, body: courses.courseResultsForm, multipart: true, file: 'xlsx' },
  'POST /api/courses/:id/complete': { params: idParam, response: courses.courseCompletion, idempotent: true },
  'GET /api/me/courses': { query: memberSkills.myListQuery, response: listOf(courses.myCourse) },

  'GET /api/indicator-sets': { query: strengthening.indicatorSetListQuery, response: listOf(strengthening.indicatorSetSummary) },
  'POST /api/indicator-sets': { body: strengthening.createIndicatorSetBody, response: strengthening.indicatorSetDetail, status: 201 },
  'GET /api/indicator-sets/example': { response: strengthening.exampleIndicatorSet },
  'GET /api/indicator-sets/:id': { params: idParam, response: strengthening.indicatorSetDetail },
  'PUT /api/indicator-sets/:id': { params: idParam, body: strengthening.updateIndicatorSetBody, response: strengthening.indicatorSetDetail },
  'POST /api/indicator-sets/:id/adapt': { params: idParam, body: strengthening.adaptIndicatorSetBody, response: strengthening.indicatorSetDetail, status: 201 },
  'POST /api/indicator-sets/:id/publish': { params: idParam, response: strengthening.indicatorSetDetail },
  'GET /api/strengthening/cards/:orgId': { params: strengthening.cardParams, query: strengthening.cardQuery, response: strengthening.scoreCard },
  'GET /api/strengthening/rankings': { query: strengthening.rankingQuery, response: strengthening.ranking },
  'GET /api/strengthening/assessments': { query: strengthening.assessmentListQuery, response: listOf(strengthening.assessmentSummary) },
  'POST /api/strengthening/assessments': { body: strengthening.submitAssessmentBody, response: strengthening.assessmentSummary, status: 201 },
  'POST /api/strengthening/assessments/:id/review': { params: idParam, body: strengthening.reviewAssessmentBody, response: strengthening.assessmentSummary },
  'GET /api/strengthening/model-homes': { query: strengthening.modelHomeListQuery, response: listOf(strengthening.modelHome) },
  'POST /api/strengthening/model-homes': { body: strengthening.designateModelHomeBody, response: strengthening.modelHome, status: 201 },

  'GET /api/dashboard': { query: dashboard.dashboardQuery, response: dashboard.dashboard },
  'GET /api/dashboard/children': { query: dashboard.dashboardChildrenQuery, response: dashboard.dashboardChildren },
  'GET /api/dashboard/report.xlsx': { query: dashboard.dashboardQuery, file: 'xlsx' },
  'GET /api/official-figures': { query: dashboard.officialFiguresQuery, response: dashboard.officialFigures },
  'PUT /api/official-figures/:orgId/:year': { params: dashboard.officialFigureParams, body: dashboard.officialFigureBody, response: dashboard.officialFigures },

  'GET /api/me/employer': { response: foundingRequests.myEmployer },
  'POST /api/me/founding-requests': { body: foundingRequests.createFoundingRequestBody, response: foundingRequests.myFoundingRequest, status: 201, idempotent: true },
  'GET /api/enterprises/founding-requests': { query: foundingRequests.foundingRequestsQuery, response: listOf(foundingRequests.foundingRequest) },

  'GET /api/workbench': { response: workbench.workbench },
  'GET /healthz': { response: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
} as const satisfies Record<string, RouteSpec>;

/** What a route takes and answers; `status` is its success code when not 200. */
export interface RouteSpec {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The JSON answer; absent for routes that answer a file. */
  response?: z.ZodType;
  /** The route answers a file, not JSON: an Excel workbook, an image, a PDF letter, or any stored document. */
  file?: 'xlsx' | 'image' | 'binary' | 'pdf';
  status?: 201 | 202 | 204;
  /** The request must carry an Idempotency-Key header (web/shared/useIdempotentPost.ts sends one). */
  idempotent?: true;
  /** The body is multipart/form-data (an upload), not JSON. */
  multipart?: true;
}

export type ApiRoutes = typeof apiRoutes;
export type RouteKey = keyof ApiRoutes;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The paths of one method's routes: PathsOf<'GET'> is '/api/activities' | '/api/activities/:id' | … */
export type PathsOf<M extends HttpMethod> = RouteKey extends infer K ? (K extends `${M} ${infer P}` ? P : never) : never;
/** The paths of one method's routes that answer JSON (not a file). */
export type JsonPathsOf<M extends HttpMethod> = {
  [P in PathsOf<M>]: ApiRoutes[`${M} ${P}` & RouteKey] extends { response: z.ZodType } ? P : never;
}[PathsOf<M>];

/** The POST routes that take a multipart form (an upload: web/shared/upload.ts). */
export type MultipartPaths = {
  [P in PathsOf<'POST'>]: ApiRoutes[`POST ${P}` & RouteKey] extends { multipart: true } ? P : never;
}[PathsOf<'POST'>];

/** The POST routes that need an Idempotency-Key (web/shared/useIdempotentPost.ts). */
export type IdempotentPaths = {
  [P in PathsOf<'POST'>]: ApiRoutes[`POST ${P}` & RouteKey] extends { idempotent: true } ? P : never;
}[PathsOf<'POST'>];

type SpecOf<M extends HttpMethod, P extends string> = ApiRoutes[`${M} ${P}` & RouteKey];
/** A query value as the client may pass it: numbers and booleans are written as text. */
type QueryValue<T> = T extends string ? T | (string extends T ? number : T extends 'true' | 'false' ? boolean : never) : T;

export type ParamsOf<M extends HttpMethod, P extends string> =
  SpecOf<M, P> extends { params: infer S extends z.ZodType } ? { [K in keyof z.input<S>]: string | number } : undefined;
export type QueryOf<M extends HttpMethod, P extends string> =
  SpecOf<M, P> extends { query: infer S extends z.ZodType } ? { [K in keyof z.input<S>]?: QueryValue<z.input<S>[K]> | undefined | null } : undefined;
export type BodyOf<M extends HttpMethod, P extends string> = SpecOf<M, P> extends { body: infer S extends z.ZodType } ? z.input<S> : undefined;
export type ResponseOf<M extends HttpMethod, P extends string> = SpecOf<M, P> extends { response: infer S extends z.ZodType } ? z.output<S> : never;
