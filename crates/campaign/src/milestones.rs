//! The campaign's deadlines (plan §3), written as dates and checked to come in order.

use chrono::NaiveDate;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::CampaignError;

/// The campaign's deadlines, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestones {
    /// Survey results reported to eco and miit (排查结果报送).
    #[serde(deserialize_with = "date")]
    pub survey_due: NaiveDate,
    /// The list and 一企一策 plans published (向社会公布).
    #[serde(deserialize_with = "date")]
    pub list_published: NaiveDate,
    /// Rectification starts (全面开展规范整治).
    #[serde(deserialize_with = "date")]
    pub rectification_start: NaiveDate,
    /// Everything complete (全面完成).
    #[serde(deserialize_with = "date")]
    pub complete_by: NaiveDate,
}

impl Milestones {
    /// Refuses milestones where one comes before the one it should follow.
    pub(crate) fn check_order(&self) -> Result<(), CampaignError> {
        let ordered = [
            ("survey_due", self.survey_due),
            ("list_published", self.list_published),
            ("rectification_start", self.rectification_start),
            ("complete_by", self.complete_by),
        ];
        for (&(earlier, earlier_date), &(later, later_date)) in ordered.iter().zip(&ordered[1..]) {
            if later_date < earlier_date {
                return Err(CampaignError::MilestonesOutOfOrder { earlier, later });
            }
        }
        Ok(())
    }
}

/// A date written as a TOML local date (`2021-07-15`) or as a string in the same format (JSON).
fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Written::deserialize(deserializer)? {
        Written::Toml(datetime) => datetime.to_string(),
        Written::Text(text) => text,
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| {
        D::Error::custom(format!(
            "日期应为YYYY-MM-DD (date must be YYYY-MM-DD): {text}: {e}"
        ))
    })
}
