-- Policy scan results with history: one row per (check, resource) that was ever not compliant.
-- first_seen: first scan that found it; last_seen: latest scan that still found it;
-- resolved_at: the scan that no longer found it (NULL while open). A finding that comes back is reopened.
CREATE TABLE finding (
    check_id       VARCHAR(256)             NOT NULL,
    resource_id    VARCHAR(1024)            NOT NULL,
    resource_type  VARCHAR(32)              NOT NULL,
    resource_name  VARCHAR(1024),
    status         VARCHAR(16)              NOT NULL,
    severity       VARCHAR(16)              NOT NULL,
    severity_rank  INTEGER                  NOT NULL,
    first_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at    TIMESTAMP WITH TIME ZONE,
    doc            VARCHAR                  NOT NULL,
    PRIMARY KEY (check_id, resource_id)
);
CREATE INDEX finding_open ON finding (resolved_at, severity_rank);
CREATE INDEX finding_resource ON finding (resource_id);

-- Accepted risks: a check may fail on matching resources until the expiry date (inclusive, UTC).
CREATE TABLE policy_exception (
    check_pattern    VARCHAR(256)             NOT NULL,
    resource_pattern VARCHAR(1024)            NOT NULL,
    justification    VARCHAR(4000)            NOT NULL,
    owner            VARCHAR(256)             NOT NULL,
    expires          DATE                     NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (check_pattern, resource_pattern)
);
