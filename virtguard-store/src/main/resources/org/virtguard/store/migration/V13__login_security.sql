-- Login security: forced password changes and the places each account logged in from successfully.
-- must_change_password: set for a generated bootstrap password and by an admin's reset; until the user sets a
-- password of their own, a console session can do nothing else. password_reset_by names the admin who last set a
-- temporary password for the account (NULL when the user chose it), so rules about who may act for whom can see it.
ALTER TABLE app_user ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE app_user ADD COLUMN password_reset_by VARCHAR(128);

-- Known-good login places: 'ip:<address>' or 'device:<sha-256 of the device cookie>'. A login with the right
-- password from one of them is never held back by failures other sources caused. Kept small per user.
CREATE TABLE login_known_source (
    username        VARCHAR(128)             NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    source_key      VARCHAR(200)             NOT NULL,
    last_success_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (username, source_key)
);
