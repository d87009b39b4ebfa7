-- Security of VirtGuard itself: local users, console sessions, API tokens and the hash-chained audit log.
-- Secrets are never stored: passwords as Argon2id hashes, session ids and API tokens as SHA-256 digests.
CREATE TABLE app_user (
    username            VARCHAR(128)             NOT NULL PRIMARY KEY,
    role                VARCHAR(16)              NOT NULL,
    password_hash       VARCHAR(512)             NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    disabled            BOOLEAN                  NOT NULL,
    failed_logins       INTEGER                  NOT NULL,
    locked_until        TIMESTAMP WITH TIME ZONE
);

CREATE TABLE user_session (
    id_hash      VARCHAR(64)              NOT NULL PRIMARY KEY,
    username     VARCHAR(128)             NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    csrf_token   VARCHAR(128)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX user_session_username ON user_session (username);

CREATE TABLE api_token (
    id           VARCHAR(64)              NOT NULL PRIMARY KEY,
    token_hash   VARCHAR(64)              NOT NULL UNIQUE,
    name         VARCHAR(200)             NOT NULL,
    username     VARCHAR(128)             NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    role         VARCHAR(16)              NOT NULL,
    scopes       VARCHAR(1000)            NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_token_username ON api_token (username);

-- Append-only: rows are only ever inserted. Each entry's hash covers its fields and the previous entry's
-- hash; audit_head holds the newest sequence number and hash, so truncating the tail is detectable too.
CREATE TABLE audit_entry (
    seq            BIGINT                   NOT NULL PRIMARY KEY,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(256)             NOT NULL,
    action         VARCHAR(128)             NOT NULL,
    target         VARCHAR(1024),
    outcome        VARCHAR(32)              NOT NULL,
    remote_address VARCHAR(128),
    detail         VARCHAR(4000),
    prev_hash      VARCHAR(64)              NOT NULL,
    entry_hash     VARCHAR(64)              NOT NULL
);
CREATE INDEX audit_entry_at ON audit_entry (at);

CREATE TABLE audit_head (
    id        INTEGER     NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
