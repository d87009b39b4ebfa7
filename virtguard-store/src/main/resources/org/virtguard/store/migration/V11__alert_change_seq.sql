-- The order in which alerts were written, for delivery. Delivery used to follow last_seen, the time of the
-- latest evidence, so an alert written after others but with older evidence (a late syslog line, alerts kept
-- during a database outage and written when it returned) was never delivered. Every insert or update of an alert
-- now takes the next change_seq from the one-row counter below, in the same transaction, so writers are
-- serialised from the counter update to their commit: a reader that saw change_seq N never finds a smaller one
-- appear later. Alerts written before this migration keep change_seq 0.
ALTER TABLE alert ADD COLUMN change_seq BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX alert_change_seq_order ON alert (change_seq, alert_key);

CREATE TABLE alert_change_seq (
    id       INTEGER NOT NULL PRIMARY KEY,
    last_seq BIGINT  NOT NULL
);
INSERT INTO alert_change_seq (id, last_seq) VALUES (1, 0);
