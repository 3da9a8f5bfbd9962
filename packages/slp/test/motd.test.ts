import { describe, expect, it } from "vitest";
import { parseMotd, renderMotd } from "../src/motd.ts";

describe("MOTD rendering", () => {
  it("splits legacy § codes into coloured, formatted runs", () => {
    const motd = renderMotd("§aCraft§b§lNet§r plain");
    expect(motd.clean).toBe("CraftNet plain");
    expect(motd.raw).toBe("§aCraft§b§lNet§r plain");
    expect(motd.html).toBe(
      '<span style="color:#55FF55">Craft</span><span style="color:#55FFFF;font-weight:bold">Net</span> plain',
    );
  });

  it("lets a colour code clear bold, as the client does", () => {
    const [first, second] = parseMotd("§lBold§cRed");
    expect(first).toMatchObject({ text: "Bold", bold: true, color: undefined });
    expect(second).toMatchObject({ text: "Red", bold: false, color: "#FF5555" });
  });

  it("inherits colour and formats through a component's extra", () => {
    const segments = parseMotd({
      text: "",
      color: "gold",
      bold: true,
      extra: [{ text: "Sky" }, { text: "Wars", color: "#123abc", bold: false }],
    });
    expect(segments).toEqual([
      {
        text: "Sky",
        color: "#FFAA00",
        bold: true,
        italic: false,
        underlined: false,
        strikethrough: false,
        obfuscated: false,
      },
      {
        text: "Wars",
        color: "#123ABC",
        bold: false,
        italic: false,
        underlined: false,
        strikethrough: false,
        obfuscated: false,
      },
    ]);
  });

  it("reads an array of components as a parent followed by its children", () => {
    expect(renderMotd([{ text: "A", color: "red" }, "B", { text: "C", color: "blue" }]).clean).toBe("ABC");
    expect(parseMotd([{ text: "A", color: "red" }, "B"])).toMatchObject([{ text: "AB", color: "#FF5555" }]);
  });

  it("escapes markup in text and refuses colours that are not colours", () => {
    const motd = renderMotd({
      text: "<script>alert(1)</script>",
      color: 'red;background:url("https://evil.example")',
      extra: [{ text: "x", color: '"><img src=x onerror=alert(1)>' }],
    });
    expect(motd.html).toBe("&lt;script&gt;alert(1)&lt;/script&gt;x");
    expect(motd.html).not.toContain("<img");
  });

  it("renders line breaks, underline with strikethrough, and obfuscated text", () => {
    const html = renderMotd("§n§mBoth§r\n§kmagic").html;
    expect(html).toBe(
      '<span style="text-decoration:underline line-through">Both</span><br><span class="mc-obfuscated">magic</span>',
    );
  });

  it("writes hex colours into raw as the nearest legacy colour", () => {
    expect(renderMotd({ text: "near red", color: "#FF4040" }).raw).toBe("§cnear red");
  });

  it("stops descending into absurdly nested components", () => {
    let nested: unknown = { text: "deep" };
    for (let depth = 0; depth < 10_000; depth++) nested = { text: "", extra: [nested] };
    expect(renderMotd({ text: "top", extra: [nested] }).clean).toBe("top");
  });

  it("uses the translation key when a component has no text", () => {
    expect(renderMotd({ translate: "multiplayer.status.unknown" }).clean).toBe("multiplayer.status.unknown");
  });
});
