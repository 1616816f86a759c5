-- 037 — the rights figures (GET /api/tickets/figures) at a province's scale (bench/tickets.ts,
-- docs/BENCHMARKS.md "Rights work orders"): without these, a city's figures for a year read every
-- ticket row of its subtree (≈ 0.5 s at 1,000,000 tickets).
--   ticket_figures_idx       a union's tickets by filing time, with every column the counts read:
--                            an index-only range scan per union of the subtree
--   ticket_clock_figures_idx a union's clocks by when they started, with what the on-time rate reads
--   ticket_clock_overdue_idx the running clocks by deadline with their ticket: the overdue ones
--                            (a few thousand of 50,000 open) read from the index alone
--   ticket_hidden_idx        the few tickets kept from a given union (hidden_from_path @> its path),
--                            found without reading the tickets of its clocks
CREATE INDEX IF NOT EXISTS ticket_figures_idx ON ticket (org_id, created_at)
  INCLUDE (channel, category, state, rating, recovered_fen, reopened_count, hidden_from_path);
CREATE INDEX IF NOT EXISTS ticket_clock_figures_idx ON ticket_clock (org_id, received_at)
  INCLUDE (ticket_id, ended_at, due_at, paused_at, outcome);
CREATE INDEX IF NOT EXISTS ticket_hidden_idx ON ticket USING gist (hidden_from_path) WHERE hidden_from_path IS NOT NULL;
CREATE INDEX IF NOT EXISTS ticket_clock_overdue_idx ON ticket_clock (due_at) INCLUDE (ticket_id) WHERE ended_at IS NULL AND paused_at IS NULL;
