// Row types of the database, as Kysely sees them. Booleans are stored as 0/1 and timestamps
// as ISO text on both dialects so that the same code reads the same values everywhere.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

type Stamps = { created_at: string; updated_at: string };
type Versioned = { version: Generated<number> };

export interface SettingsTable {
  key: string;
  value: string;
  version: Generated<number>;
  updated_at: string;
}
export interface UnitsTable extends Stamps, Versioned {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  sort: Generated<number>;
  active: Generated<number>;
  is_demo: Generated<number>;
}
export interface UsersTable extends Stamps, Versioned {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_code: string | null;
  active: Generated<number>;
}
export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}
export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  role: string;
  unit_code: string | null;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export interface LoginAttemptsTable {
  id: Generated<number>;
  key: string;
  at: string;
}
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  unit_code: string | null;
  summary: string | null;
  before_json: string | null;
  after_json: string | null;
}
export interface InvestorsTable extends Stamps, Versioned {
  id: Generated<number>;
  name: string;
  credit_code: string | null;
  origin_input: string | null;
  origin_code: string | null;
  origin_name: string | null;
  origin_kind: string | null;
  origin_scope: string | null;
  ownership: string | null;
  industry: string | null;
  contacts_json: Generated<string>;
  notes: string | null;
  is_demo: Generated<number>;
  created_by_unit: string | null;
}
export interface ProjectsTable extends Stamps, Versioned {
  id: Generated<number>;
  code: string;
  name: string;
  unit_code: string;
  owner: string | null;
  sponsor: string | null;
  investor_id: number | null;
  industry: string | null;
  project_type: string | null;
  total_investment_yuan: Generated<number>;
  foreign_usd: Generated<number>;
  location: string | null;
  land_area_mu: string | null;
  annual_output_yuan: number | null;
  annual_tax_yuan: number | null;
  jobs: number | null;
  source_activity_id: number | null;
  channel: string | null;
  serving_unit_code: string | null;
  tags_json: Generated<string>;
  stage: string;
  registered_on: string | null;
  agreement_date: string | null;
  agreement_due_date: string | null;
  contract_date: string | null;
  start_date: string | null;
  operating_date: string | null;
  dropped_reason: string | null;
  assessed_on: string | null;
  last_follow_up_on: string | null;
  is_demo: Generated<number>;
}
export interface StageMovesTable {
  id: Generated<number>;
  project_id: number;
  from_stage: string | null;
  to_stage: string;
  moved_on: string;
  actor_id: number | null;
  actor_name: string | null;
  reason: string | null;
  created_at: string;
}
export interface FollowUpsTable extends Stamps, Versioned {
  id: Generated<number>;
  project_id: number;
  date: string;
  kind: string;
  participants: string | null;
  content: string;
  next_step: string | null;
  next_date: string | null;
  created_by: number | null;
}
export interface BlockersTable extends Stamps, Versioned {
  id: Generated<number>;
  project_id: number;
  title: string;
  coordinating_dept: string | null;
  due_date: string | null;
  status: string;
  resolution: string | null;
  resolved_on: string | null;
}
export interface CommitmentsTable extends Stamps, Versioned {
  id: Generated<number>;
  project_id: number;
  title: string;
  due_date: string | null;
  status: string;
  evidence: string | null;
  fulfilled_on: string | null;
  // migration 008: the investor's answer through a one-time link
  investor_check: string | null;
  investor_comment: string | null;
  investor_checked_at: string | null;
}
export interface ApprovalItemsTable extends Stamps, Versioned {
  id: Generated<number>;
  project_id: number;
  kind: string;
  status: string;
  applied_on: string | null;
  approved_on: string | null;
  note: string | null;
}
export interface AttachmentsTable {
  id: Generated<number>;
  owner_type: string;
  owner_id: number;
  unit_code: string | null;
  filename: string;
  mime: string;
  size: number;
  data: Buffer;
  created_by: number | null;
  created_at: string;
}
export interface FundEntriesTable extends Stamps, Versioned {
  id: Generated<number>;
  project_id: number;
  unit_code: string;
  period: string;
  year: number;
  month: number;
  kind: Generated<string>;
  amount_yuan: number;
  foreign_usd: Generated<number>;
  status: string;
  note: string | null;
  returned_reason: string | null;
  adjusts_period: string | null;
  created_by: number | null;
  verified_by: number | null;
  verified_at: string | null;
  is_demo: Generated<number>;
}
export interface SubmissionsTable extends Stamps, Versioned {
  id: Generated<number>;
  unit_code: string;
  period: string;
  status: string;
  submitted_by: number | null;
  submitted_at: string | null;
  approved_by: number | null;
  approved_at: string | null;
  returned_reason: string | null;
}
export interface PeriodLocksTable {
  period: string;
  locked_by: number | null;
  locked_at: string;
  note: string | null;
}
export interface ExchangeRatesTable {
  period: string;
  cny_per_usd_e4: number;
  version: Generated<number>;
  updated_at: string;
}
export interface TargetsTable extends Stamps, Versioned {
  id: Generated<number>;
  year: number;
  unit_code: string;
  indicator: string;
  base_value: number;
  stretch_value: number | null;
  is_demo: Generated<number>;
}
export interface TargetSplitsTable extends Stamps, Versioned {
  id: Generated<number>;
  target_id: number;
  assignee: string;
  base_value: number;
  stretch_value: number | null;
}
export interface ActivitiesTable extends Stamps, Versioned {
  id: Generated<number>;
  name: string;
  kind: string;
  start_date: string;
  end_date: string | null;
  destination: string | null;
  unit_code: string | null;
  person_times: Generated<number>;
  notes: string | null;
  is_demo: Generated<number>;
  // migration 008
  members_json: string | null;
  enterprises_json: string | null;
  promoted_json: string | null;
  report: string | null;
  reported_on: string | null;
  created_by: number | null;
}
export interface ActivityProjectsTable {
  activity_id: number;
  project_id: number;
  sort: Generated<number>;
}
export interface ReserveProjectsTable extends Stamps, Versioned {
  id: Generated<number>;
  name: string;
  unit_code: string;
  industry: string | null;
  total_investment_yuan: Generated<number>;
  status: string;
  description: string | null;
  is_demo: Generated<number>;
  // migration 008
  location: string | null;
  market_outlook: string | null;
  advantages: string | null;
  name_en: string | null;
  description_en: string | null;
  market_outlook_en: string | null;
  advantages_en: string | null;
  review_experts: string | null;
  review_date: string | null;
  review_verdict: string | null;
  review_comments: string | null;
  cashflow_json: string | null;
  project_id: number | null;
  converted_on: string | null;
  promoted_on: string | null;
}
/** Migration 008. */
export interface ReserveRolloversTable {
  id: Generated<number>;
  reserve_project_id: number;
  year: number;
  decision: string;
  note: string | null;
  actor_id: number | null;
  actor_name: string | null;
  created_at: string;
}
export interface InquiriesTable extends Stamps, Versioned {
  id: Generated<number>;
  reserve_project_id: number | null;
  name: string;
  company: string | null;
  contact: string;
  message: string;
  source_hash: string;
  status: Generated<string>;
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
}
export interface CommitmentLinksTable {
  id: Generated<number>;
  commitment_id: number;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_by: number | null;
  created_at: string;
}
export interface JobLocksTable {
  name: string;
  holder: string;
  expires_at: string;
}
export interface SavedFiltersTable {
  id: Generated<number>;
  user_id: number;
  scope: string;
  name: string;
  query_json: string;
  created_at: string;
}
/** Statistics rollups (migration 003, docs/adr/0003-statistics-rollups.md), kept by database triggers. */
export interface StatsParamsTable {
  id: number;
  large_threshold_yuan: number;
  suspended: Generated<number>;
  ready: Generated<number>;
}
export interface FundRollupsTable {
  year: number;
  month: number;
  unit_code: string;
  status: string;
  origin_scope: string;
  large: number;
  amount_yuan: number;
  foreign_usd: number;
  entries: number;
}
export interface FundProjectFirstsTable {
  project_id: number;
  year: number;
  status: string;
  unit_code: string;
  first_month: number;
  origin_scope: string;
  large: number;
}
/** Large-project counts (migration 004). basis: 'verified' | 'reported'; unit_code '*' = the whole city. */
export interface FundLargeFirstsTable {
  project_id: number;
  year: number;
  basis: string;
  unit_code: string;
  first_month: number;
}
export interface FundLargeCountsTable {
  year: number;
  basis: string;
  unit_code: string;
  first_month: number;
  projects: number;
}
/** The breakdown rollups (migration 016, docs/adr/0006); unit '*' is the whole city. */
export interface FundBreakdownRollupsTable {
  year: number;
  month: number;
  unit_code: string;
  status: string;
  origin_scope: string;
  origin_code: string;
  industry: string;
  amount_yuan: number;
  entries: number;
}
export interface FundBreakdownFirstsTable {
  project_id: number;
  year: number;
  basis: string;
  unit_code: string;
  first_month: number;
  origin_scope: string;
  origin_code: string;
  industry: string;
}
export interface FundBreakdownCountsTable {
  year: number;
  basis: string;
  unit_code: string;
  first_month: number;
  origin_scope: string;
  origin_code: string;
  industry: string;
  projects: number;
}
/** One row per run of a scheduled job (migration 014). */
export interface JobRunsTable {
  id: Generated<number>;
  name: string;
  holder: string;
  started_at: string;
  finished_at: string | null;
  ok: number | null;
  error: string | null;
}
export interface DocumentsTable {
  key: string;
  filename: string;
  data: Buffer;
  version: Generated<number>;
  updated_at: string;
}
/** Warnings and supervision (migration 007). */
export interface WarningsTable {
  id: Generated<number>;
  rule: string;
  subject_key: string;
  unit_code: string;
  project_id: number | null;
  project_code: string | null;
  project_name: string | null;
  owner: string | null;
  level: string;
  peak_level: string;
  message: string;
  measure: number | null;
  first_seen: string;
  last_seen: string;
  cleared_at: string | null;
  updated_at: string;
}
export interface WarningRunsTable {
  id: Generated<number>;
  as_of: string;
  trigger: string;
  actor_name: string | null;
  open_count: number;
  raised_count: number;
  cleared_count: number;
  finished_at: string;
}
export interface SupervisionTasksTable extends Stamps, Versioned {
  id: Generated<number>;
  title: string;
  content: string | null;
  unit_code: string;
  assignee: string | null;
  deadline: string;
  warning_id: number | null;
  project_id: number | null;
  source: string;
  status: string;
  raised_by: number | null;
  raised_by_name: string | null;
  closed_on: string | null;
  meeting_period: string | null;
}
export interface SupervisionEventsTable {
  id: Generated<number>;
  task_id: number;
  kind: string;
  content: string;
  actor_id: number | null;
  actor_name: string | null;
  at: string;
}
export interface PoliciesTable extends Stamps, Versioned {
  id: Generated<number>;
  doc_number: string;
  title: string;
  issuer: string;
  issued_on: string;
  expires_on: string | null;
  status: string;
  review_due: string | null;
  summary: string | null;
  is_demo: Generated<number>;
}
export interface PolicyProjectsTable {
  policy_id: number;
  project_id: number;
}
export interface PolicyReviewsTable {
  id: Generated<number>;
  campaign: string;
  policy_id: number;
  decision: string;
  reason: string;
  decided_by_name: string | null;
  decided_at: string;
}
export interface LeadDecisionsTable {
  id: Generated<number>;
  pair_key: string;
  lead_unit_code: string;
  reason: string;
  decided_by_name: string | null;
  decided_at: string;
}
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  unit_code: string | null;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}
export interface WebhooksTable extends Stamps, Versioned {
  id: Generated<number>;
  unit_code: string | null;
  kind: string;
  name: string;
  url: string;
  secret: string | null;
  active: Generated<number>;
}
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  summary: string;
  title: string;
  markdown: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  response_code: number | null;
  created_at: string;
  sent_at: string | null;
}

export interface DB {
  settings: SettingsTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  investors: InvestorsTable;
  projects: ProjectsTable;
  stage_moves: StageMovesTable;
  follow_ups: FollowUpsTable;
  blockers: BlockersTable;
  commitments: CommitmentsTable;
  approval_items: ApprovalItemsTable;
  attachments: AttachmentsTable;
  fund_entries: FundEntriesTable;
  submissions: SubmissionsTable;
  period_locks: PeriodLocksTable;
  exchange_rates: ExchangeRatesTable;
  targets: TargetsTable;
  target_splits: TargetSplitsTable;
  activities: ActivitiesTable;
  activity_projects: ActivityProjectsTable;
  reserve_projects: ReserveProjectsTable;
  job_locks: JobLocksTable;
  saved_filters: SavedFiltersTable;
  documents: DocumentsTable;
  stats_params: StatsParamsTable;
  fund_rollups: FundRollupsTable;
  fund_project_firsts: FundProjectFirstsTable;
  fund_large_firsts: FundLargeFirstsTable;
  fund_large_counts: FundLargeCountsTable;
  fund_breakdown_rollups: FundBreakdownRollupsTable;
  fund_breakdown_firsts: FundBreakdownFirstsTable;
  fund_breakdown_counts: FundBreakdownCountsTable;
  job_runs: JobRunsTable;
  warnings: WarningsTable;
  warning_runs: WarningRunsTable;
  supervision_tasks: SupervisionTasksTable;
  supervision_events: SupervisionEventsTable;
  policies: PoliciesTable;
  policy_projects: PolicyProjectsTable;
  policy_reviews: PolicyReviewsTable;
  lead_decisions: LeadDecisionsTable;
  reserve_rollovers: ReserveRolloversTable;
  inquiries: InquiriesTable;
  commitment_links: CommitmentLinksTable;
  notifications: NotificationsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type InvestorRow = Selectable<InvestorsTable>;
export type FundEntryRow = Selectable<FundEntriesTable>;
export type NewProject = Insertable<ProjectsTable>;
export type ProjectUpdate = Updateable<ProjectsTable>;

// Migration 005 (integrity): frozen figures of locked periods, revisions, writer mutex rows.
export interface PeriodSnapshotsTable {
  period: string;
  scope: string;
  basis: string;
  kind: string;
  payload: string;
  created_at: string;
}
export interface RevisionsTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  change_json: string;
  summary: string;
  reason: string;
  status: Generated<string>;
  requested_by: number | null;
  requested_by_name: string;
  requested_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
  periods_json: Generated<string>;
  figures_json: string | null;
  version: Generated<number>;
}
export interface WriteMutexTable {
  key: string;
}
export interface DB {
  period_snapshots: PeriodSnapshotsTable;
  revisions: RevisionsTable;
  write_mutex: WriteMutexTable;
}
// 010_security
export interface LoginThrottleTable {
  key: string;
  kind: 'acct' | 'ip';
  ip: string;
  username: string | null;
  fails: number;
  window_start: string;
  next_at: string;
}
export interface DB {
  login_throttle: LoginThrottleTable;
}
