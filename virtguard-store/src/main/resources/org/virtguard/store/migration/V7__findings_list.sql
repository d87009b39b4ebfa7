-- Findings served from the store: where each finding sits (check area, host, zones), an open flag the list
-- index can lead with, and failing counts per evaluation for the dashboard trend.
ALTER TABLE finding ADD COLUMN area VARCHAR(128) DEFAULT 'other' NOT NULL;
ALTER TABLE finding ADD COLUMN host_id VARCHAR(1024);
ALTER TABLE finding ADD COLUMN is_open BOOLEAN DEFAULT TRUE NOT NULL;
UPDATE finding SET is_open = FALSE WHERE resolved_at IS NOT NULL;

-- The list's stable order (severity descending, check, resource) straight from an index, with or without a
-- filter on check, host or area. Pages are read key-first from these indexes (status trailing, so a state filter
-- needs no table access), then only the page's rows are fetched: deep offsets skip index entries, not rows.
CREATE INDEX finding_list ON finding (is_open, severity_rank DESC, check_id, resource_id, status);
CREATE INDEX finding_check ON finding (check_id, is_open, severity_rank DESC, resource_id, status);
CREATE INDEX finding_host ON finding (host_id, is_open, severity_rank DESC, check_id, resource_id, status);
CREATE INDEX finding_area ON finding (area, is_open, severity_rank DESC, check_id, resource_id, status);

-- A finding's resource may sit in several zones (one per vNIC); one row per zone. The finding's open flag and
-- severity are repeated here so a zone-filtered page walks one index in list order.
CREATE TABLE finding_zone (
    check_id      VARCHAR(256)  NOT NULL,
    resource_id   VARCHAR(1024) NOT NULL,
    zone          VARCHAR(256)  NOT NULL,
    is_open       BOOLEAN       NOT NULL,
    severity_rank INTEGER       NOT NULL,
    PRIMARY KEY (check_id, resource_id, zone)
);
CREATE INDEX finding_zone_list ON finding_zone (zone, is_open, severity_rank DESC, check_id, resource_id);

-- Failing (open, status FAIL) findings per severity after each evaluation.
CREATE TABLE finding_trend (
    evaluated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    severity     VARCHAR(16)              NOT NULL,
    failing      BIGINT                   NOT NULL,
    PRIMARY KEY (evaluated_at, severity)
);
