package dev.zxport.interop;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.UnionLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * One member of a jextract struct or union layout, as C code names it. jextract names an
 * anonymous struct or union {@code $anon$LINE:COLUMN}; C code reaches its members as if they
 * belonged to the enclosing struct, so such a member has no name and adds nothing to the paths
 * of its children. Holes and tail padding that jextract adds as padding layouts are members too,
 * without a name and without children.
 *
 * @param name the C member name, or null for an anonymous struct or union and for padding
 * @param path the C member designator from the outermost struct, as {@code offsetof} takes it
 *        ({@code "guest_vcpu.interrupt.mask"}); empty for padding and anonymous members
 * @param offset the byte offset from the start of the outermost struct, computed by
 *        {@link MemoryLayout#byteOffset} as the generated accessors do
 * @param layout the member layout
 * @param children the members of a struct or union member, in declaration order; empty otherwise
 */
public record LayoutMember(String name, String path, long offset, MemoryLayout layout, List<LayoutMember> children) {
    private static final String ANONYMOUS_PREFIX = "$anon$";

    public LayoutMember {
        children = List.copyOf(children);
    }

    /** Returns the members of {@code root}, with offsets from its start. */
    public static List<LayoutMember> of(GroupLayout root) {
        return members(root, root, List.of(), "");
    }

    /** Returns the size in bytes. */
    public long size() {
        return layout.byteSize();
    }

    /** Returns the alignment in bytes. */
    public long alignment() {
        return layout.byteAlignment();
    }

    /** Returns whether this member is a hole or tail padding that jextract inserted. */
    public boolean isPadding() {
        return layout instanceof PaddingLayout;
    }

    /** Returns whether this member is an anonymous struct or union. */
    public boolean isAnonymous() {
        return name == null && layout instanceof GroupLayout;
    }

    /** Returns whether this member is a struct or union. */
    public boolean isGroup() {
        return layout instanceof GroupLayout;
    }

    /** Returns whether this member is a union. */
    public boolean isUnion() {
        return layout instanceof UnionLayout;
    }

    /** Returns the array lengths of an array member, outermost first; empty for other members. */
    public List<Long> arrayLengths() {
        List<Long> lengths = new ArrayList<>();
        MemoryLayout current = layout;
        while (current instanceof SequenceLayout sequence) {
            lengths.add(sequence.elementCount());
            current = sequence.elementLayout();
        }
        return lengths;
    }

    /**
     * Returns every named member in declaration order, depth first: each struct or union member
     * comes before its own members. Padding and anonymous members are left out, their members kept.
     */
    public static List<LayoutMember> flatten(List<LayoutMember> members) {
        List<LayoutMember> flat = new ArrayList<>();
        for (LayoutMember member : members) {
            if (member.name() != null) {
                flat.add(member);
            }
            flat.addAll(flatten(member.children()));
        }
        return flat;
    }

    private static List<LayoutMember> members(GroupLayout root, GroupLayout group, List<PathElement> prefix,
                                              String pathPrefix) {
        List<LayoutMember> members = new ArrayList<>();
        long paddingOffset = prefix.isEmpty() ? 0 : root.byteOffset(prefix.toArray(PathElement[]::new));
        for (MemoryLayout member : group.memberLayouts()) {
            if (member instanceof PaddingLayout) {
                // A padding layout has no name to select, so its offset follows from the members before it.
                members.add(new LayoutMember(null, "", paddingOffset, member, List.of()));
                paddingOffset += member.byteSize();
                continue;
            }
            String layoutName = member.name().orElseThrow(
                    () -> new IllegalArgumentException("unnamed member in layout " + group));
            List<PathElement> elements = new ArrayList<>(prefix);
            elements.add(PathElement.groupElement(layoutName));
            long offset = root.byteOffset(elements.toArray(PathElement[]::new));
            paddingOffset = group instanceof UnionLayout ? paddingOffset : offset + member.byteSize();
            boolean anonymous = layoutName.startsWith(ANONYMOUS_PREFIX);
            String name = anonymous ? null : layoutName;
            String path = anonymous ? "" : pathPrefix + layoutName;
            List<LayoutMember> children = member instanceof GroupLayout nested
                    ? members(root, nested, elements, anonymous ? pathPrefix : path + ".")
                    : List.of();
            members.add(new LayoutMember(name, path, offset, member, children));
        }
        return members;
    }
}
