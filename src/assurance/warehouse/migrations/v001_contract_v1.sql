-- Assurance warehouse schema, version 1: the force data contract v1 and data.police.uk.
-- Frozen: later changes are new migration files. Same SQL on DuckDB and PostgreSQL.
-- Date-times are stored in UTC; months as the first day of the month.

CREATE TABLE deliveries (
    delivery_id BIGINT NOT NULL,
    received_at TIMESTAMP NOT NULL,
    source TEXT NOT NULL,
    kept_as TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    mode TEXT NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_inserted BIGINT NOT NULL,
    rows_updated BIGINT NOT NULL,
    rows_unchanged BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL
);

CREATE TABLE delivery_files (
    delivery_id BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_inserted BIGINT NOT NULL,
    rows_updated BIGINT NOT NULL,
    rows_unchanged BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL
);

CREATE TABLE areas (
    force TEXT NOT NULL,
    area_code TEXT NOT NULL,
    area_name TEXT NOT NULL,
    population BIGINT NOT NULL,
    rural_share DOUBLE PRECISION NOT NULL,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE plan (
    force TEXT NOT NULL,
    measure TEXT NOT NULL,
    target DOUBLE PRECISION NOT NULL,
    from_month DATE NOT NULL,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE peers (
    force TEXT NOT NULL,
    peer_force TEXT NOT NULL,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE crimes (
    force TEXT NOT NULL,
    area_code TEXT NOT NULL,
    crime_ref TEXT NOT NULL,
    incident_ref TEXT,
    reported_at TIMESTAMP NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    offence_group TEXT NOT NULL,
    ho_offence_code TEXT,
    domestic_abuse BOOLEAN,
    hate_crime BOOLEAN,
    victim_ref TEXT,
    victim_enhanced BOOLEAN,
    officer_ref TEXT,
    status TEXT NOT NULL,
    cancelled_at TIMESTAMP,
    cancel_reason TEXT,
    cancel_authority TEXT,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE incidents (
    force TEXT NOT NULL,
    area_code TEXT NOT NULL,
    incident_ref TEXT NOT NULL,
    opened_at TIMESTAMP NOT NULL,
    grade TEXT NOT NULL,
    opening_category TEXT NOT NULL,
    setting TEXT NOT NULL,
    dispatched_at TIMESTAMP,
    arrived_at TIMESTAMP,
    closed_at TIMESTAMP,
    crime_ref TEXT,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE outcomes (
    force TEXT NOT NULL,
    crime_ref TEXT NOT NULL,
    outcome_code TEXT NOT NULL,
    outcome_at DATE NOT NULL,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE survey_responses (
    force TEXT NOT NULL,
    area_code TEXT NOT NULL,
    response_ref TEXT NOT NULL,
    crime_ref TEXT,
    interviewed_on DATE NOT NULL,
    survey_group TEXT NOT NULL,
    ease_of_contact BIGINT,
    actions_taken BIGINT,
    kept_informed BIGINT,
    treatment BIGINT,
    whole_experience BIGINT,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE audits (
    force TEXT NOT NULL,
    audit_ref TEXT NOT NULL,
    incident_ref TEXT NOT NULL,
    audited_on DATE NOT NULL,
    crime_required BOOLEAN NOT NULL,
    crime_recorded BOOLEAN NOT NULL,
    classified_correctly BOOLEAN,
    recorded_within_24h BOOLEAN,
    offence_group TEXT,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE disposals (
    force TEXT NOT NULL,
    disposal_ref TEXT NOT NULL,
    crime_ref TEXT NOT NULL,
    disposal_type TEXT NOT NULL,
    issued_on DATE NOT NULL,
    officer_ref TEXT,
    audited_on DATE,
    audit_result TEXT,
    panel_reviewed_on DATE,
    panel_result TEXT,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE police_uk_street (
    force TEXT NOT NULL,
    month DATE NOT NULL,
    row_id TEXT NOT NULL,
    crime_id TEXT,
    reported_by TEXT NOT NULL,
    falls_within TEXT NOT NULL,
    longitude DOUBLE PRECISION,
    latitude DOUBLE PRECISION,
    location TEXT,
    lsoa_code TEXT,
    lsoa_name TEXT,
    local_authority TEXT,
    area_code TEXT,
    crime_type TEXT NOT NULL,
    last_outcome_category TEXT,
    context TEXT,
    _delivery_id BIGINT NOT NULL
);

CREATE TABLE police_uk_outcomes (
    force TEXT NOT NULL,
    month DATE NOT NULL,
    row_id TEXT NOT NULL,
    crime_id TEXT,
    reported_by TEXT NOT NULL,
    falls_within TEXT NOT NULL,
    longitude DOUBLE PRECISION,
    latitude DOUBLE PRECISION,
    location TEXT,
    lsoa_code TEXT,
    lsoa_name TEXT,
    local_authority TEXT,
    area_code TEXT,
    outcome_type TEXT NOT NULL,
    _delivery_id BIGINT NOT NULL
);
