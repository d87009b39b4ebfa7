-- What each recorded evaluation changed, kept so that finding events can still be forwarded after a crash.
-- The finding table keeps only the latest cycle of a finding (a reopen overwrites first_seen, every scan
-- overwrites doc), so it cannot tell what an evaluation opened or resolved once later evaluations ran.
-- One row per finding opened (new or reopened) or resolved, as the evaluation reported it; seq is the order
-- of recording (an evaluation's opened findings first, then its resolved ones).
CREATE TABLE finding_event (
    seq          BIGINT                   NOT NULL PRIMARY KEY,
    evaluated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    kind         VARCHAR(16)              NOT NULL,
    doc          VARCHAR                  NOT NULL
);
CREATE INDEX finding_event_time ON finding_event (evaluated_at);

-- The last seq handed out. A recording transaction updates this one row before inserting its events, so
-- recordings are serialised from there to their commit: events commit in seq order and a reader that saw
-- seq N never finds a smaller seq appear later.
CREATE TABLE finding_event_seq (
    id       INTEGER NOT NULL PRIMARY KEY,
    last_seq BIGINT  NOT NULL
);
INSERT INTO finding_event_seq (id, last_seq) VALUES (1, 0);
