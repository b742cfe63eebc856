package com.exposuremonitor.api;

import java.util.regex.Pattern;

/** Validation of ids taken from paths and query strings, before any lookup. */
final class Ids {
    static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Ids() {
    }

    static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The error message for a bad id: at most 64 of its characters, anything unprintable as '?'. */
    static String invalid(String kind, String id) {
        return "invalid " + kind + " id: \"" + printable(id) + "\"";
    }

    static String printable(String input) {
        if (input == null) {
            return "";
        }
        String cut = input.length() > MAX_LENGTH ? input.substring(0, MAX_LENGTH) : input;
        StringBuilder out = new StringBuilder(cut.length());
        cut.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '?'));
        return out.toString();
    }
}
