//! A DOM subtree as plain data: pure code decides every element, attribute and word; the page
//! turns the whole tree into elements in one call (`extension/popup/popup.js`, `appendTree`).
//! Building the popup's 200 rows one web-sys call at a time crossed the JS boundary ~6,000
//! times (~35 ms); one JSON string crosses it once.
//!
//! Tags and attribute names are `&'static str`: this crate's constants, never page text. Page
//! text only ever lands in text and attribute values, which the builder sets with
//! `textContent` and `setAttribute` (never parsed as HTML: invariant 6).

use serde::ser::{SerializeSeq, SerializeTuple, Serializer};
use serde::Serialize;

/// One element: its tag, its text (before its children), its attributes and its children.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    /// Element name.
    pub tag: &'static str,
    /// Text content (empty: none).
    pub text: String,
    /// Attributes in the order they are set.
    pub attrs: Vec<(&'static str, String)>,
    /// Child elements, after the text.
    pub children: Vec<Node>,
}

impl Node {
    /// An element with no text, attribute or child.
    pub fn new(tag: &'static str) -> Node {
        Node {
            tag,
            ..Node::default()
        }
    }

    /// An element with text.
    pub fn text(tag: &'static str, text: impl Into<String>) -> Node {
        Node {
            tag,
            text: text.into(),
            ..Node::default()
        }
    }

    /// The same element with one more attribute.
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Node {
        self.attrs.push((name, value.into()));
        self
    }

    /// Appends a child.
    pub fn push(&mut self, child: Node) {
        self.children.push(child);
    }

    /// The same element with one more child.
    pub fn child(mut self, child: Node) -> Node {
        self.push(child);
        self
    }

    /// The value of an attribute, when set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every element of the subtree, depth first (this one first).
    pub fn walk(&self) -> Vec<&Node> {
        let mut all = vec![self];
        for c in &self.children {
            all.extend(c.walk());
        }
        all
    }

    /// The tree as the JSON the page's builder reads.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Compact on the wire: `[tag, text, [name, value, …], [child, …]]` (a 200-row board is
/// ~2,800 elements; keys on every one would double what the page parses).
impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut node = serializer.serialize_tuple(4)?;
        node.serialize_element(self.tag)?;
        node.serialize_element(&self.text)?;
        node.serialize_element(&FlatAttrs(&self.attrs))?;
        node.serialize_element(&self.children)?;
        node.end()
    }
}

struct FlatAttrs<'a>(&'a [(&'static str, String)]);

impl Serialize for FlatAttrs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut flat = serializer.serialize_seq(Some(self.0.len() * 2))?;
        for (name, value) in self.0 {
            flat.serialize_element(name)?;
            flat.serialize_element(value)?;
        }
        flat.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_nested_arrays_with_flat_attributes() {
        let tree = Node::new("ul").attr("class", "drafts").child(
            Node::text("li", "<b>x</b>")
                .attr("data-a", "1")
                .attr("data-b", "\""),
        );
        assert_eq!(
            tree.to_json(),
            r#"["ul","",["class","drafts"],[["li","<b>x</b>",["data-a","1","data-b","\""],[]]]]"#
        );
        assert_eq!(tree.walk().len(), 2);
        assert_eq!(tree.children[0].get("data-b"), Some("\""));
        assert_eq!(tree.get("data-a"), None);
    }
}
