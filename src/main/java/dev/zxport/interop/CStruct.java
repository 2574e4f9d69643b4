package dev.zxport.interop;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.UnionLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A struct or union of the headers together with its jextract layout and the C type of each
 * member, which the layout cannot carry (it has no signedness, no typedef names and no function
 * signatures).
 *
 * @param typedefName the typedef name, such as {@code zx_port_packet_t}
 * @param tag the struct or union tag, which is also the name of the generated class
 * @param layout the generated layout ({@code zx_port_packet.layout()})
 * @param memberTypes the declared C type of each member path that this struct declares itself,
 *        without array brackets ({@code "uint8_t"} for {@code uint8_t reserved[6]}); a member whose
 *        struct is defined in place has type {@code "struct"} or {@code "union"}, and a function
 *        pointer has its type without the name ({@code "void (*)(size_t)"}). Members of a
 *        member whose type is another {@code CStruct} are not listed here.
 */
public record CStruct(String typedefName, String tag, GroupLayout layout, Map<String, String> memberTypes) {
    public CStruct {
        memberTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(memberTypes));
    }

    /** Returns {@code "struct"} or {@code "union"}. */
    public String keyword() {
        return layout instanceof UnionLayout ? "union" : "struct";
    }

    /** Returns the members of the layout, with offsets from the start of this struct. */
    public List<LayoutMember> members() {
        return LayoutMember.of(layout);
    }

    /** Returns the declared C type of the member at {@code path}, if the table has it. */
    public Optional<String> memberType(String path) {
        return Optional.ofNullable(memberTypes.get(path));
    }
}
