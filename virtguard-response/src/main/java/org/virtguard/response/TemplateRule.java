package org.virtguard.response;

/**
 * The golden template VMs matching a name glob are redeployed from.
 *
 * @param vmGlob   VM name glob ({@code *} and {@code ?})
 * @param template template name on the VM's source
 */
public record TemplateRule(String vmGlob, String template) {

    boolean matches(String vmName) {
        return vmName != null && vmName.matches(globToRegex(vmGlob));
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
