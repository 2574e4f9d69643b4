package dev.zxport.cli;

import dev.zxport.interop.CStruct;
import dev.zxport.interop.LayoutMember;
import dev.zxport.interop.ZirconStructs;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Prints a struct in the style of pahole: one line per member with its C declaration followed by
 * a comment with its offset and size in bytes, anonymous unions and structs nested in place, holes
 * that the layout inserts marked {@code XXX}, and a summary of sizes at the end of each struct.
 * Offsets count from the start of the printed struct.
 */
final class LayoutPrinter {
    private static final int CACHELINE_BYTES = 64;
    private static final int TYPE_WIDTH = 24;
    private static final int COMMENT_COLUMN = 64;
    private static final String INDENT = "    ";

    private final boolean expand;

    /**
     * @param expand whether a member whose type is another struct of {@link ZirconStructs} is
     *        printed with its members in place, instead of on one line
     */
    LayoutPrinter(boolean expand) {
        this.expand = expand;
    }

    /** Returns the pahole-style text of {@code struct}, ending with a newline. */
    String print(CStruct struct) {
        StringBuilder text = new StringBuilder();
        text.append("typedef ").append(struct.keyword()).append(' ').append(struct.tag()).append(" {\n");
        List<LayoutMember> members = struct.members();
        printMembers(text, members, struct, "", 1);
        text.append('\n');
        appendSummary(text, struct, members);
        text.append("} ").append(struct.typedefName()).append(";\n");
        return text.toString();
    }

    /**
     * Prints members; {@code owner} is the struct whose type table describes them, and
     * {@code ownerPrefix} the path of that struct inside the printed one.
     */
    private void printMembers(StringBuilder text, List<LayoutMember> members, CStruct owner, String ownerPrefix,
                              int depth) {
        String indent = INDENT.repeat(depth);
        for (int i = 0; i < members.size(); i++) {
            LayoutMember member = members.get(i);
            if (member.isPadding()) {
                boolean trailing = i == members.size() - 1;
                if (!trailing) {
                    text.append(indent).append("/* XXX ").append(member.size()).append(" bytes hole, try to pack */\n");
                }
                continue;
            }
            String ownPath = member.path().substring(Math.min(ownerPrefix.length(), member.path().length()));
            if (member.isAnonymous()) {
                text.append(indent).append(member.isUnion() ? "union" : "struct").append(" {\n");
                printMembers(text, member.children(), owner, ownerPrefix, depth + 1);
                appendLine(text, indent + "};", member);
                continue;
            }
            String type = owner.memberType(ownPath).orElse("/* unknown type */");
            Optional<CStruct> nested = ZirconStructs.find(type);
            boolean inlineBody = type.equals("struct") || type.equals("union");
            if (inlineBody || (expand && nested.isPresent())) {
                CStruct bodyOwner = inlineBody ? owner : nested.get();
                String bodyPrefix = inlineBody ? ownerPrefix : member.path() + ".";
                String header = inlineBody ? type : bodyOwner.keyword() + " " + bodyOwner.tag();
                text.append(indent).append(header).append(" {\n");
                printMembers(text, member.children(), bodyOwner, bodyPrefix, depth + 1);
                appendLine(text, indent + "} " + member.name() + ";", member);
                continue;
            }
            String declaration = indent + declarator(type, member.name() + dimensions(member)) + ";";
            appendLine(text, declaration, member);
        }
    }

    private static void appendLine(StringBuilder text, String declaration, LayoutMember member) {
        text.append(pad(declaration, COMMENT_COLUMN))
                .append(String.format(" /* %5d %5d */\n", member.offset(), member.size()));
    }

    private static void appendSummary(StringBuilder text, CStruct struct, List<LayoutMember> members) {
        long size = struct.layout().byteSize();
        long holes = 0;
        long holeBytes = 0;
        long tailPadding = 0;
        long memberBytes = 0;
        int count = 0;

        for (int i = 0; i < members.size(); i++) {
            LayoutMember member = members.get(i);
            if (member.isPadding() && i == members.size() - 1) {
                tailPadding = member.size();
            } else if (member.isPadding()) {
                holes++;
                holeBytes += member.size();
            } else {
                count++;
                memberBytes += member.size();
            }
        }

        long cachelines = (size + CACHELINE_BYTES - 1) / CACHELINE_BYTES;
        text.append(INDENT)
                .append(String.format("/* size: %d, cachelines: %d, members: %d */\n", size, cachelines, count));
        if (struct.keyword().equals("struct")) {
            text.append(INDENT).append(String.format("/* sum members: %d, holes: %d, sum holes: %d, padding: %d */\n",
                    memberBytes, holes, holeBytes, tailPadding));
        }
        long reservedBytes = reservedBytes(members);
        if (reservedBytes > 0) {
            text.append(INDENT).append(String.format("/* reserved and padding bytes: %d */\n", reservedBytes));
        }
        if (size % CACHELINE_BYTES != 0) {
            text.append(INDENT).append(String.format("/* last cacheline: %d bytes */\n", size % CACHELINE_BYTES));
        }
    }

    /**
     * Returns how many bytes only {@code reserved*} or {@code padding*} members cover. The headers
     * declare those members to fill what would otherwise be holes and to keep every packet kind
     * 32 bytes long. A byte that another member of a union can hold data in is not counted.
     */
    private static long reservedBytes(List<LayoutMember> members) {
        BitSet reserved = new BitSet();
        BitSet data = new BitSet();
        for (LayoutMember member : LayoutMember.flatten(members)) {
            if (!member.children().isEmpty()) {
                continue;
            }
            boolean filler = member.name().startsWith("reserved") || member.name().startsWith("padding");
            (filler ? reserved : data).set((int) member.offset(), (int) (member.offset() + member.size()));
        }
        reserved.andNot(data);
        return reserved.cardinality();
    }

    private static String dimensions(LayoutMember member) {
        StringBuilder text = new StringBuilder();
        for (long length : member.arrayLengths()) {
            text.append('[').append(length).append(']');
        }
        return text.toString();
    }

    /**
     * Returns the C declarator of {@code name} with {@code type}: the type padded to a column, then
     * the name, or for a function pointer ({@code "void (*)(int)"}) the name inside {@code (*)}.
     */
    private static String declarator(String type, String name) {
        int pointer = type.indexOf("(*)");
        if (pointer >= 0) {
            return type.substring(0, pointer + 2) + name + type.substring(pointer + 2);
        }
        return pad(type, TYPE_WIDTH) + " " + name;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
