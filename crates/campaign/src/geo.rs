//! GPS positions of workshops and the box a campaign's county lies in.
//!
//! A [`GeoPoint`] always holds finite WGS-84 degrees within range; a [`Bounds`] always has its
//! minimum below its maximum.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A position in decimal degrees (WGS-84, as a phone's GPS reports it).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawPoint")]
pub struct GeoPoint {
    latitude: f64,
    longitude: f64,
}

/// Why a position or a box is not valid; [`GeoError::field`] says which coordinate is at fault.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum GeoError {
    /// The latitude is NaN or infinite.
    #[error("纬度不是有效数字 (latitude is not a finite number)")]
    LatitudeNotFinite,
    /// The longitude is NaN or infinite.
    #[error("经度不是有效数字 (longitude is not a finite number)")]
    LongitudeNotFinite,
    /// The latitude is outside [-90, 90].
    #[error(
        "纬度应在-90到90之间，实际为{value} (latitude must be between -90 and 90, found {value})"
    )]
    LatitudeOutOfRange {
        /// The latitude given.
        value: f64,
    },
    /// The longitude is outside [-180, 180].
    #[error(
        "经度应在-180到180之间，实际为{value} (longitude must be between -180 and 180, found {value})"
    )]
    LongitudeOutOfRange {
        /// The longitude given.
        value: f64,
    },
    /// A box's minimum latitude is above its maximum.
    #[error("纬度范围的最小值大于最大值 (min_latitude is greater than max_latitude)")]
    LatitudeRangeInverted,
    /// A box's minimum longitude is above its maximum.
    #[error("经度范围的最小值大于最大值 (min_longitude is greater than max_longitude)")]
    LongitudeRangeInverted,
}

impl GeoError {
    /// The coordinate at fault: `"latitude"` or `"longitude"`.
    pub fn field(&self) -> &'static str {
        match self {
            GeoError::LatitudeNotFinite
            | GeoError::LatitudeOutOfRange { .. }
            | GeoError::LatitudeRangeInverted => "latitude",
            GeoError::LongitudeNotFinite
            | GeoError::LongitudeOutOfRange { .. }
            | GeoError::LongitudeRangeInverted => "longitude",
        }
    }
}

impl GeoPoint {
    /// A position from latitude and longitude in decimal degrees.
    pub fn new(latitude: f64, longitude: f64) -> Result<GeoPoint, GeoError> {
        if !latitude.is_finite() {
            return Err(GeoError::LatitudeNotFinite);
        }
        if !(-90.0..=90.0).contains(&latitude) {
            return Err(GeoError::LatitudeOutOfRange { value: latitude });
        }
        if !longitude.is_finite() {
            return Err(GeoError::LongitudeNotFinite);
        }
        if !(-180.0..=180.0).contains(&longitude) {
            return Err(GeoError::LongitudeOutOfRange { value: longitude });
        }
        Ok(GeoPoint {
            latitude,
            longitude,
        })
    }

    /// Latitude in decimal degrees, north positive.
    pub fn latitude(&self) -> f64 {
        self.latitude
    }

    /// Longitude in decimal degrees, east positive.
    pub fn longitude(&self) -> f64 {
        self.longitude
    }
}

/// A latitude/longitude box, e.g. around a county, to catch positions reported far outside it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawBounds")]
pub struct Bounds {
    min_latitude: f64,
    max_latitude: f64,
    min_longitude: f64,
    max_longitude: f64,
}

impl Bounds {
    /// The box spanned by its south-west and north-east corners.
    pub fn new(south_west: GeoPoint, north_east: GeoPoint) -> Result<Bounds, GeoError> {
        if south_west.latitude > north_east.latitude {
            return Err(GeoError::LatitudeRangeInverted);
        }
        if south_west.longitude > north_east.longitude {
            return Err(GeoError::LongitudeRangeInverted);
        }
        Ok(Bounds {
            min_latitude: south_west.latitude,
            max_latitude: north_east.latitude,
            min_longitude: south_west.longitude,
            max_longitude: north_east.longitude,
        })
    }

    /// Whether the point lies in the box (edges included).
    pub fn contains(&self, point: &GeoPoint) -> bool {
        (self.min_latitude..=self.max_latitude).contains(&point.latitude)
            && (self.min_longitude..=self.max_longitude).contains(&point.longitude)
    }

    /// Southern edge.
    pub fn min_latitude(&self) -> f64 {
        self.min_latitude
    }

    /// Northern edge.
    pub fn max_latitude(&self) -> f64 {
        self.max_latitude
    }

    /// Western edge.
    pub fn min_longitude(&self) -> f64 {
        self.min_longitude
    }

    /// Eastern edge.
    pub fn max_longitude(&self) -> f64 {
        self.max_longitude
    }
}

/// The serialised shape of a [`GeoPoint`], checked by [`GeoPoint::new`].
#[derive(Deserialize)]
struct RawPoint {
    latitude: f64,
    longitude: f64,
}

impl TryFrom<RawPoint> for GeoPoint {
    type Error = GeoError;

    fn try_from(raw: RawPoint) -> Result<Self, Self::Error> {
        GeoPoint::new(raw.latitude, raw.longitude)
    }
}

/// The serialised shape of a [`Bounds`], checked by [`Bounds::new`].
#[derive(Deserialize)]
struct RawBounds {
    min_latitude: f64,
    max_latitude: f64,
    min_longitude: f64,
    max_longitude: f64,
}

impl TryFrom<RawBounds> for Bounds {
    type Error = GeoError;

    fn try_from(raw: RawBounds) -> Result<Self, Self::Error> {
        Bounds::new(
            GeoPoint::new(raw.min_latitude, raw.min_longitude)?,
            GeoPoint::new(raw.max_latitude, raw.max_longitude)?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_positions_are_accepted_including_the_edges() {
        let cases = [
            (46.98, 130.72, "Huachuan county seat"),
            (90.0, 180.0, "north-east edge"),
            (-90.0, -180.0, "south-west edge"),
            (0.0, 0.0, "origin"),
        ];
        for (latitude, longitude, why) in cases {
            let point = GeoPoint::new(latitude, longitude);
            assert_eq!(
                point.map(|p| (p.latitude(), p.longitude())),
                Ok((latitude, longitude)),
                "{why}"
            );
        }
    }

    #[test]
    fn invalid_positions_name_the_wrong_field() {
        let cases = [
            (f64::NAN, 130.0, "latitude", "NaN latitude"),
            (f64::INFINITY, 130.0, "latitude", "infinite latitude"),
            (90.1, 130.0, "latitude", "latitude above 90"),
            (-90.1, 130.0, "latitude", "latitude below -90"),
            (46.9, f64::NAN, "longitude", "NaN longitude"),
            (46.9, f64::NEG_INFINITY, "longitude", "infinite longitude"),
            (46.9, 180.5, "longitude", "longitude above 180"),
            (46.9, -181.0, "longitude", "longitude below -180"),
        ];
        for (latitude, longitude, field, why) in cases {
            let error = GeoPoint::new(latitude, longitude).expect_err(why);
            assert_eq!(error.field(), field, "{why}: {error}");
        }
    }

    #[test]
    fn bounds_contain_points_inside_and_on_the_edge_only() {
        let bounds: Bounds = toml::from_str(
            "min_latitude = 46.6\nmax_latitude = 47.4\nmin_longitude = 130.0\nmax_longitude = 131.3\n",
        )
        .expect("valid bounds");
        let cases = [
            (46.98, 130.72, true, "county seat"),
            (46.6, 130.0, true, "south-west corner"),
            (47.4, 131.3, true, "north-east corner"),
            (46.59, 130.72, false, "just south"),
            (47.41, 130.72, false, "just north"),
            (46.98, 129.99, false, "just west"),
            (46.98, 131.31, false, "just east"),
            (39.9, 116.4, false, "Beijing"),
        ];
        for (latitude, longitude, inside, why) in cases {
            let point = GeoPoint::new(latitude, longitude).expect(why);
            assert_eq!(bounds.contains(&point), inside, "{why}");
        }
    }

    #[test]
    fn inverted_or_out_of_range_bounds_are_refused() {
        let cases = [
            (
                "min_latitude = 47.4\nmax_latitude = 46.6\nmin_longitude = 130.0\nmax_longitude = 131.3\n",
                "min_latitude is greater",
            ),
            (
                "min_latitude = 46.6\nmax_latitude = 47.4\nmin_longitude = 131.3\nmax_longitude = 130.0\n",
                "min_longitude is greater",
            ),
            (
                "min_latitude = 46.6\nmax_latitude = 97.4\nmin_longitude = 130.0\nmax_longitude = 131.3\n",
                "latitude must be between",
            ),
        ];
        for (text, expected) in cases {
            let error = toml::from_str::<Bounds>(text).expect_err(expected);
            assert!(error.to_string().contains(expected), "{expected}: {error}");
        }
    }

    #[test]
    fn points_deserialise_through_the_same_checks() {
        let ok: Result<GeoPoint, _> =
            serde_json::from_str(r#"{"latitude":46.9,"longitude":130.7}"#);
        assert!(ok.is_ok(), "valid point: {ok:?}");
        let bad: Result<GeoPoint, _> =
            serde_json::from_str(r#"{"latitude":146.9,"longitude":130.7}"#);
        assert!(bad.is_err(), "latitude out of range refused");
    }
}
