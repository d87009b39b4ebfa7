-- Retention deletes read these in bounded batches: expired console sessions by expiry time, and each VM's latest
-- power-state change (kept whatever its age) by object and change type.
CREATE INDEX user_session_expires ON user_session (expires_at);
CREATE INDEX inv_change_object_type ON inv_change (object_id, change_type, id);
