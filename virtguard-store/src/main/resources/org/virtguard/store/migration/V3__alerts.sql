-- Alerts raised by detectors (authentication attacks, port scans, segmentation violations, migrations).
-- One row per incident key: an ongoing attack updates its row instead of adding rows.
CREATE TABLE alert (
    alert_key      VARCHAR(1024)            NOT NULL PRIMARY KEY,
    kind           VARCHAR(128)             NOT NULL,
    severity       VARCHAR(16)              NOT NULL,
    severity_rank  INTEGER                  NOT NULL,
    title          VARCHAR(2000)            NOT NULL,
    source_address VARCHAR(128),
    source_vm_id   VARCHAR(512),
    source_zone    VARCHAR(256),
    target_address VARCHAR(128),
    target_host_id VARCHAR(1024),
    first_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    event_count    BIGINT                   NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    status_note    VARCHAR(2000),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    doc            VARCHAR                  NOT NULL
);
CREATE INDEX alert_last_seen ON alert (last_seen);
CREATE INDEX alert_kind ON alert (kind);
CREATE INDEX alert_severity ON alert (severity_rank);
