-- A zone filter combined with an area, host, state or VM filter used to walk finding_zone_list and join finding
-- row by row to test the other filter (up to ~100 ms for page 100 in PostgreSQL). finding_zone now repeats what
-- those filters test (area, host_id, status; resource_id is already there for the VM filter), so such a page is
-- read from finding_zone alone. recordScan keeps these columns equal to the finding's.

-- Zone rows without their finding cannot be listed (the page joins finding) and could not be backfilled.
DELETE FROM finding_zone WHERE NOT EXISTS (SELECT 1 FROM finding f
    WHERE f.check_id = finding_zone.check_id AND f.resource_id = finding_zone.resource_id);

ALTER TABLE finding_zone ADD COLUMN area VARCHAR(128);
ALTER TABLE finding_zone ADD COLUMN host_id VARCHAR(1024);
ALTER TABLE finding_zone ADD COLUMN status VARCHAR(16);

UPDATE finding_zone SET
    area = (SELECT f.area FROM finding f
        WHERE f.check_id = finding_zone.check_id AND f.resource_id = finding_zone.resource_id),
    host_id = (SELECT f.host_id FROM finding f
        WHERE f.check_id = finding_zone.check_id AND f.resource_id = finding_zone.resource_id),
    status = (SELECT f.status FROM finding f
        WHERE f.check_id = finding_zone.check_id AND f.resource_id = finding_zone.resource_id),
    is_open = (SELECT f.is_open FROM finding f
        WHERE f.check_id = finding_zone.check_id AND f.resource_id = finding_zone.resource_id),
    severity_rank = (SELECT f.severity_rank FROM finding f
        WHERE f.check_id = finding_zone.check_id AND f.resource_id = finding_zone.resource_id);

ALTER TABLE finding_zone ALTER COLUMN area SET NOT NULL;
ALTER TABLE finding_zone ALTER COLUMN status SET NOT NULL;

-- The zone list index in list order with every other filter's column trailing: a zone + area / host / state /
-- VM / check / severity page is one walk of this index (index-only once vacuumed), skipping entries, not rows.
DROP INDEX finding_zone_list;
CREATE INDEX finding_zone_list ON finding_zone (zone, is_open, severity_rank DESC, check_id, resource_id, status,
    area, host_id);

-- A zone + VM filter matches a handful of rows: found by resource (as finding_resource does for finding) rather
-- than by walking every index entry of the zone.
CREATE INDEX finding_zone_resource ON finding_zone (resource_id, zone);
