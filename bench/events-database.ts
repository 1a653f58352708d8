/**
 * The events benchmark runs in a database of its own (`cirkel_bench`, or BENCH_DATABASE_URL),
 * imported first so that `@cirkel/testing` reads it. In the tests' database, a test's transaction
 * left open (idle in transaction) holds back what PostgreSQL may clean up there: every outbox row
 * the relay marks leaves a dead entry in `outbox_pending_idx` that its reads then walk over until
 * the transaction ends, and the backbone's figures would measure the other session, not the
 * backbone (its writers' Postgres CPU per event rose from 0.5 to 0.95 ms in a run like that).
 * Long transactions in a service's own database do the same in production: docs/event-backbone.md.
 */
process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cirkel_bench';
