import CCMarkGFM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Markdown document parsed by cmark-gfm (GitHub's CommonMark, with its table extension) and rendered to HTML.
///
/// Rendering is cmark's safe mode (`CMARK_OPT_DEFAULT`, never `CMARK_OPT_UNSAFE`): raw HTML in the Markdown is
/// omitted and links with a `javascript:`, `vbscript:`, `file:` or `data:` URL lose their target, so text from
/// inputs, already escaped by `ReportEscaping.markdown`, reaches the page as text only. The HTML escaping is cmark's.
///
/// The tree can be changed before rendering: headings shifted down a level, images replaced by markup this tool
/// generated (`replaceImages`), link targets rewritten. Not thread-safe; one document per task.
final class CommonMarkDocument {
    private let parser: OpaquePointer
    private let root: OpaquePointer

    /// cmark-gfm keeps its syntax extensions in a global registry, filled once per process.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Parses `markdown` (GFM tables on; no other extension: inputs' URLs and e-mail addresses stay text).
    init(_ markdown: String) {
        precondition(Self.extensionsRegistered)
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        if let table = cmark_find_syntax_extension("table") {
            cmark_parser_attach_syntax_extension(parser, table)
        }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, buffer.count) }
        }
        self.parser = parser
        root = cmark_parser_finish(parser)!
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    // MARK: - Reading

    /// The text of the first level-1 heading (its text and code spans, without markup); nil when there is none.
    var title: String? {
        var title: String?
        walk { node, entering in
            guard entering, title == nil, cmark_node_get_type(node) == CMARK_NODE_HEADING,
                  cmark_node_get_heading_level(node) == 1 else { return }
            title = Self.plainText(node)
        }
        return title
    }

    // MARK: - Changing the tree

    /// Moves every heading `levels` levels down (`#` → `##` for 1), to at most level 6.
    func demoteHeadings(by levels: Int32) {
        walk { node, entering in
            guard entering, cmark_node_get_type(node) == CMARK_NODE_HEADING else { return }
            cmark_node_set_heading_level(node, min(6, cmark_node_get_heading_level(node) + levels))
        }
    }

    /// Replaces each image whose URL `markup(url)` answers for with that markup, written to the page as it is
    /// (the image's alt text goes with it); other images stay images.
    func replaceImages(_ markup: (String) -> String?) {
        var images: [(node: OpaquePointer, markup: String)] = []
        walk { node, entering in
            guard entering, cmark_node_get_type(node) == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node),
                  let replacement = markup(String(cString: url)) else { return }
            images.append((node, replacement))
        }
        // Changed after the walk: an iterator must not see its tree change under it.
        for image in images {
            let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
            cmark_node_set_on_enter(inline, image.markup)
            cmark_node_replace(image.node, inline)
            cmark_node_free(image.node)
        }
    }

    /// Sets each link's target to `rewrite(url)` where that is not nil.
    func rewriteLinks(_ rewrite: (String) -> String?) {
        walk { node, entering in
            guard entering, cmark_node_get_type(node) == CMARK_NODE_LINK, let url = cmark_node_get_url(node),
                  let target = rewrite(String(cString: url)) else { return }
            cmark_node_set_url(node, target)
        }
    }

    // MARK: - Rendering

    /// The document as an HTML fragment (safe mode, tables rendered by the extension).
    func html() -> String {
        Self.take(cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)))
    }

    /// `text` escaped as HTML text content or attribute value, by cmark's own escaping (`& < > "`).
    static func escaped(_ text: String) -> String {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        defer { cmark_node_free(node) }
        cmark_node_set_literal(node, text)
        return take(cmark_render_html(node, CMARK_OPT_DEFAULT, nil))
    }

    // MARK: - Private

    private func walk(_ visit: (OpaquePointer, Bool) -> Void) {
        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            visit(cmark_iter_get_node(iterator)!, event == CMARK_EVENT_ENTER)
        }
    }

    /// The literal text under `node` (text, code spans; soft and hard breaks as spaces).
    private static func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        let iterator = cmark_iter_new(node)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { out += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out += " "
            default:
                break
            }
        }
        return out
    }

    /// A string cmark allocated with the default allocator, freed after copying.
    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
