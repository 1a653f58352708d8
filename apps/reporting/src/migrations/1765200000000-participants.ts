import { MigrationInterface, QueryRunner } from 'typeorm';

/** Participants (pseudonymous), their placements, the audit log of their data, and the ideas and organisations reporting learns from events. */
export class Participants1765200000000 implements MigrationInterface {
  name = 'Participants1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE participant (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        reference_hash text NOT NULL,
        gender text NOT NULL,
        age_band text NOT NULL,
        labour_market_status text NOT NULL,
        education text NOT NULL,
        disability text NOT NULL,
        third_country_national text NOT NULL,
        foreign_background text NOT NULL,
        minority text NOT NULL,
        entry_date date NOT NULL,
        exit_date date,
        results_at_exit text[],
        results_after_six_months text[],
        enrolled_at timestamptz NOT NULL,
        enrolled_by uuid NOT NULL,
        CONSTRAINT participant_pkey PRIMARY KEY (id),
        CONSTRAINT participant_reference_hash_key UNIQUE (hub_id, reference_hash)
      )`);
    await q.query('CREATE INDEX participant_hub_organisation_idx ON participant (hub_id, organisation_id)');
    await q.query(`
      CREATE TABLE placement (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        idea_id uuid NOT NULL,
        employer_organisation_id uuid NOT NULL,
        sector text NOT NULL,
        contract_type text NOT NULL,
        hours_per_week numeric(5,2) NOT NULL,
        start_date date NOT NULL,
        end_date date,
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL,
        CONSTRAINT placement_pkey PRIMARY KEY (id)
      )`);
    await q.query('CREATE INDEX placement_participant_idx ON placement (participant_id)');
    await q.query('CREATE INDEX placement_hub_start_idx ON placement (hub_id, start_date)');
    await q.query(`
      CREATE TABLE audit_entry (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        at timestamptz NOT NULL,
        person_id uuid NOT NULL,
        action text NOT NULL,
        participant_id uuid NOT NULL,
        placement_id uuid,
        fields text[] NOT NULL DEFAULT '{}',
        CONSTRAINT audit_entry_pkey PRIMARY KEY (id)
      )`);
    await q.query('CREATE INDEX audit_entry_hub_idx ON audit_entry (hub_id, id)');
    await q.query('CREATE INDEX audit_entry_participant_idx ON audit_entry (participant_id)');
    await q.query(`
      CREATE TABLE known_idea (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        work_domain text,
        stage text NOT NULL,
        version integer NOT NULL DEFAULT 0,
        CONSTRAINT known_idea_pkey PRIMARY KEY (id)
      )`);
    await q.query('CREATE INDEX known_idea_hub_idx ON known_idea (hub_id)');
    await q.query(`
      CREATE TABLE known_organisation (
        id uuid NOT NULL,
        hub_id uuid NOT NULL,
        type text,
        status text NOT NULL,
        version integer NOT NULL DEFAULT 0,
        CONSTRAINT known_organisation_pkey PRIMARY KEY (id)
      )`);
    await q.query('CREATE INDEX reporting_known_organisation_hub_idx ON known_organisation (hub_id)');
    await q.query(`
      CREATE TABLE stage_movement (
        event_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        idea_id uuid NOT NULL,
        from_stage text NOT NULL,
        to_stage text NOT NULL,
        day date NOT NULL,
        CONSTRAINT stage_movement_pkey PRIMARY KEY (event_id)
      )`);
    await q.query('CREATE INDEX stage_movement_hub_day_idx ON stage_movement (hub_id, day)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['stage_movement', 'known_organisation', 'known_idea', 'audit_entry', 'placement', 'participant']) await q.query(`DROP TABLE ${table}`);
  }
}
