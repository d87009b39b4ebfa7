package org.virtguard.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 key that signs audit checkpoints. A checkpoint whose MAC does not verify was not written by a
 * VirtGuard holding this key: someone who can change the checkpoint file (or the store) but cannot read the key
 * cannot forge a checkpoint that hides a truncation. A SIEM holding the same key can check the copies it received.
 * {@link #toString()} never shows the key.
 */
public final class CheckpointKey {

    /** Shortest key accepted, in characters. */
    public static final int MIN_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private CheckpointKey(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * A key from its text (the first line of a key file or an environment variable).
     *
     * @throws IllegalArgumentException when shorter than {@value #MIN_LENGTH} characters
     */
    public static CheckpointKey of(String secret) {
        if (secret == null || secret.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the audit checkpoint key must be at least " + MIN_LENGTH
                    + " characters");
        }
        return new CheckpointKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A checkpoint of {@code seq} and {@code headHash} at {@code at}, signed with this key. */
    public AuditCheckpoint sign(long seq, String headHash, Instant at) {
        return new AuditCheckpoint(seq, headHash, at, mac(AuditCheckpoint.signedText(seq, headHash, at)));
    }

    /** Whether {@code checkpoint} carries this key's MAC (compared in constant time). */
    public boolean verifies(AuditCheckpoint checkpoint) {
        byte[] expected = HexFormat.of().parseHex(mac(checkpoint.signedText()));
        byte[] actual = HexFormat.of().parseHex(checkpoint.mac());
        return MessageDigest.isEqual(expected, actual);
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "CheckpointKey[***]";
    }
}
