package org.virtguard.logs.parse;

/** Splits the {@code user@address} form vSphere uses in its login events at the last {@code @}. */
record UserAtAddress(String user, String address) {

    static UserAtAddress at(String line, int start) {
        String token = Text.token(line, start);
        if (token == null) {
            return null;
        }
        int at = token.lastIndexOf('@');
        if (at <= 0 || at == token.length() - 1) {
            return new UserAtAddress(token, null);
        }
        return new UserAtAddress(token.substring(0, at), token.substring(at + 1));
    }
}
