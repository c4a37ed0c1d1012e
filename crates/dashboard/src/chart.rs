//! Bar charts drawn on the server as inline SVG, so pages need no chart library and no script
//! (the intranet has no CDN, and a printed report shows the same picture).

use std::fmt::Write as _;

/// One bar: a label and a count, out of `total` for a completion bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    /// For completion charts: the whole the value is part of; the bar shows the share.
    pub total: Option<u64>,
}

/// A horizontal bar chart: one row per bar, label on the left, value on the right.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    /// Said to screen readers (`<title>`) and shown above the chart by the page.
    pub title: String,
    pub bars: Vec<Bar>,
}

const ROW_HEIGHT: u32 = 28;
const BAR_HEIGHT: u32 = 18;
const LABEL_WIDTH: u32 = 150;
const BAR_WIDTH: u32 = 360;
const VALUE_WIDTH: u32 = 110;

impl BarChart {
    /// A chart of counts, scaled to the largest.
    pub fn counts(title: &str, bars: impl IntoIterator<Item = (String, u64)>) -> BarChart {
        BarChart {
            title: title.to_owned(),
            bars: bars
                .into_iter()
                .map(|(label, value)| Bar {
                    label,
                    value,
                    total: None,
                })
                .collect(),
        }
    }

    /// A chart of completion: each bar is `done` of `total`, drawn as a share of 100 %.
    pub fn completion(title: &str, bars: impl IntoIterator<Item = (String, u64, u64)>) -> BarChart {
        BarChart {
            title: title.to_owned(),
            bars: bars
                .into_iter()
                .map(|(label, done, total)| Bar {
                    label,
                    value: done,
                    total: Some(total),
                })
                .collect(),
        }
    }

    /// The chart as an `<svg>` element; every text is escaped.
    pub fn to_svg(&self) -> String {
        let width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
        let rows = u32::try_from(self.bars.len()).unwrap_or(u32::MAX).max(1);
        let height = rows.saturating_mul(ROW_HEIGHT);
        let largest = self.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{title}"><title>{title}</title>"#,
            title = escape(&self.title)
        );
        if self.bars.is_empty() {
            let _ = write!(
                svg,
                r#"<text x="0" y="{y}" class="empty">暂无数据</text>"#,
                y = ROW_HEIGHT / 2 + 5
            );
        }
        for (row, bar) in (0u32..).zip(&self.bars) {
            let top = row * ROW_HEIGHT;
            let (share, value_text) = match bar.total {
                Some(total) => {
                    let share = if total == 0 {
                        0.0
                    } else {
                        bar.value as f64 / total as f64
                    };
                    (
                        share.min(1.0),
                        format!("{}/{} ({:.0}%)", bar.value, total, share * 100.0),
                    )
                }
                None => (bar.value as f64 / largest as f64, bar.value.to_string()),
            };
            let length = (share * f64::from(BAR_WIDTH)).round();
            let text_y = top + ROW_HEIGHT / 2 + 5;
            let _ = write!(
                svg,
                r#"<g class="bar"><text x="{lx}" y="{text_y}" text-anchor="end">{label}</text><rect class="track" x="{x}" y="{by}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}"/><rect class="fill" x="{x}" y="{by}" width="{length}" height="{BAR_HEIGHT}"/><text x="{vx}" y="{text_y}" class="value">{value}</text></g>"#,
                lx = LABEL_WIDTH - 8,
                x = LABEL_WIDTH,
                by = top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                vx = LABEL_WIDTH + BAR_WIDTH + 8,
                label = escape(&bar.label),
                value = escape(&value_text),
            );
        }
        svg.push_str("</svg>");
        svg
    }
}

/// Escapes text for an XML text node or attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `width` of every `rect class="fill"`, in order.
    fn fill_widths(svg: &str) -> Vec<f64> {
        svg.split(r#"<rect class="fill""#)
            .skip(1)
            .map(|rest| {
                let width = rest.split("width=\"").nth(1).expect("width attribute");
                width[..width.find('"').expect("closing quote")]
                    .parse()
                    .expect("a number")
            })
            .collect()
    }

    #[test]
    fn counts_are_scaled_to_the_largest() {
        let chart = BarChart::counts(
            "按属地",
            [
                ("悦来镇".to_owned(), 10),
                ("东河乡".to_owned(), 5),
                ("梨丰乡".to_owned(), 0),
            ],
        );
        let svg = chart.to_svg();
        assert_eq!(fill_widths(&svg), vec![360.0, 180.0, 0.0], "{svg}");
        for text in [
            "悦来镇",
            "东河乡",
            "梨丰乡",
            ">10<",
            ">5<",
            "<title>按属地</title>",
        ] {
            assert!(svg.contains(text), "the chart shows {text}: {svg}");
        }
        assert!(
            svg.starts_with("<svg") && svg.ends_with("</svg>"),
            "one svg element"
        );
    }

    #[test]
    fn completion_bars_show_the_share_of_their_total() {
        let chart = BarChart::completion(
            "完成情况",
            [("关停取缔".to_owned(), 3, 4), ("升级改造".to_owned(), 0, 0)],
        );
        let svg = chart.to_svg();
        assert_eq!(
            fill_widths(&svg),
            vec![270.0, 0.0],
            "3 of 4 is 75%, 0 of 0 is empty"
        );
        assert!(svg.contains("3/4 (75%)"), "{svg}");
    }

    #[test]
    fn labels_are_escaped() {
        let chart = BarChart::counts("<b>", [("<script>alert(1)</script>".to_owned(), 1)]);
        let svg = chart.to_svg();
        assert!(!svg.contains("<script>") && !svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
    }

    #[test]
    fn an_empty_chart_says_there_is_no_data() {
        let svg = BarChart::counts("空", []).to_svg();
        assert!(svg.contains("暂无数据"), "{svg}");
    }
}
