-- The database holds the integrity rules; the application validates first only to give
-- better error messages.
CREATE TABLE campaign (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       VARCHAR(200) NOT NULL CHECK (length(btrim(name)) > 0),
    channel    VARCHAR(20)  NOT NULL
        CHECK (channel IN ('EMAIL', 'SOCIAL', 'SEARCH', 'DISPLAY', 'EVENT', 'REFERRAL')),
    status     VARCHAR(20)  NOT NULL DEFAULT 'ACTIVE'
        CHECK (status IN ('ACTIVE', 'PAUSED', 'ARCHIVED')),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE lead (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id  BIGINT       NOT NULL REFERENCES campaign (id),
    email        VARCHAR(254) NOT NULL CHECK (email LIKE '%_@_%'),
    name         VARCHAR(200) NOT NULL CHECK (length(btrim(name)) > 0),
    source       VARCHAR(20)  NOT NULL
        CHECK (source IN ('WEB_FORM', 'LANDING_PAGE', 'REFERRAL', 'IMPORT', 'EVENT', 'OTHER')),
    status       VARCHAR(20)  NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'CONVERTED')),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    converted_at TIMESTAMPTZ,
    CONSTRAINT lead_converted_at_matches_status
        CHECK ((status = 'CONVERTED') = (converted_at IS NOT NULL))
);

-- One lead per person per campaign; email addresses compare case-insensitively.
CREATE UNIQUE INDEX lead_campaign_email_uq ON lead (campaign_id, lower(email));
-- Serves the filtered, id-ordered lead list and the per-campaign stats query.
CREATE INDEX lead_campaign_status_id_idx ON lead (campaign_id, status, id);
CREATE INDEX lead_status_id_idx ON lead (status, id);

-- An Idempotency-Key claims its row first; the primary key makes concurrent retries wait
-- for the first transaction instead of racing it. The response is kept so every retry gets
-- the first result byte for byte.
CREATE TABLE idempotency_key (
    idempotency_key VARCHAR(255) PRIMARY KEY,
    request_hash    CHAR(64)     NOT NULL,
    lead_id         BIGINT REFERENCES lead (id),
    response_body   TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
