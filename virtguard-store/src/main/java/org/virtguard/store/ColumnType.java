package org.virtguard.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** How a column's values are read, written to a backup as JSON, and bound again on restore. */
enum ColumnType {
    TEXT, LONG, BOOL, DOUBLE, DECIMAL, TIMESTAMPTZ, TIMESTAMP, DATE, BYTES;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The type of result column {@code i}, or an error naming it when backups do not support it. */
    static ColumnType of(ResultSetMetaData meta, int i, String table) throws SQLException {
        String name = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        return switch (meta.getColumnType(i)) {
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.CLOB -> TEXT;
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> LONG;
            case Types.BOOLEAN, Types.BIT -> BOOL;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
            case Types.TIMESTAMP -> name.contains("tz") || name.contains("with time zone") ? TIMESTAMPTZ : TIMESTAMP;
            case Types.DATE -> DATE;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
            default -> throw new IllegalStateException("column " + table + "." + meta.getColumnName(i)
                    + " has a type backups do not cover: " + name);
        };
    }

    /** The JSON value of column {@code i} of the current row ({@code null} for SQL NULL). */
    JsonNode read(ResultSet rs, int i) throws SQLException {
        JsonNode value = switch (this) {
            case TEXT -> text(rs.getString(i));
            case LONG -> JSON.numberNode(rs.getLong(i));
            case BOOL -> JSON.booleanNode(rs.getBoolean(i));
            case DOUBLE -> JSON.numberNode(rs.getDouble(i));
            case DECIMAL -> text(rs.getBigDecimal(i) == null ? null : rs.getBigDecimal(i).toPlainString());
            case TIMESTAMPTZ -> {
                OffsetDateTime at = rs.getObject(i, OffsetDateTime.class);
                yield text(at == null ? null : at.toString());
            }
            case TIMESTAMP -> {
                LocalDateTime at = rs.getObject(i, LocalDateTime.class);
                yield text(at == null ? null : at.toString());
            }
            case DATE -> {
                LocalDate day = rs.getObject(i, LocalDate.class);
                yield text(day == null ? null : day.toString());
            }
            case BYTES -> {
                byte[] bytes = rs.getBytes(i);
                yield text(bytes == null ? null : Base64.getEncoder().encodeToString(bytes));
            }
        };
        return rs.wasNull() ? JSON.nullNode() : value;
    }

    /**
     * Binds a backup's JSON value as parameter {@code i}.
     *
     * @throws IllegalArgumentException when the value is not one of this type
     */
    void bind(PreparedStatement statement, int i, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            statement.setNull(i, sqlType());
            return;
        }
        switch (this) {
            case TEXT -> statement.setString(i, requireText(value));
            case LONG -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw new IllegalArgumentException("expected an integer, found " + value.getNodeType());
                }
                statement.setLong(i, value.longValue());
            }
            case BOOL -> {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException("expected true or false, found " + value.getNodeType());
                }
                statement.setBoolean(i, value.booleanValue());
            }
            case DOUBLE -> {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException("expected a number, found " + value.getNodeType());
                }
                statement.setDouble(i, value.doubleValue());
            }
            case DECIMAL -> statement.setBigDecimal(i, new BigDecimal(requireText(value)));
            case TIMESTAMPTZ -> statement.setObject(i, OffsetDateTime.parse(requireText(value)));
            case TIMESTAMP -> statement.setObject(i, LocalDateTime.parse(requireText(value)));
            case DATE -> statement.setObject(i, LocalDate.parse(requireText(value)));
            case BYTES -> statement.setBytes(i, Base64.getDecoder().decode(requireText(value)));
        }
    }

    private int sqlType() {
        return switch (this) {
            case TEXT -> Types.VARCHAR;
            case LONG -> Types.BIGINT;
            case BOOL -> Types.BOOLEAN;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.NUMERIC;
            case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case TIMESTAMP -> Types.TIMESTAMP;
            case DATE -> Types.DATE;
            case BYTES -> Types.VARBINARY;
        };
    }

    private static JsonNode text(String s) {
        return s == null ? JSON.nullNode() : JSON.textNode(s);
    }

    private static String requireText(JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("expected a string, found " + value.getNodeType());
        }
        return value.textValue();
    }
}
