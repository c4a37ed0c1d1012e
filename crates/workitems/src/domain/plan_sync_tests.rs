//! Plan sync, table-driven: each case is the items a service has, the plan's owned measures and
//! round, and the effects expected.

use super::*;
use crate::domain::state::Resume;

fn deadline(text: &str) -> Deadline {
    Deadline::parse(text).expect("valid test deadline")
}

/// Terms of a measure executed by `executor`, verified by eco when `verified`.
fn terms(kind: &str, executor: &str, verified: bool, due: &str) -> Terms {
    Terms {
        kind: kind.into(),
        title: kind.into(),
        assignment: Assignment::new(executor, verified.then(|| "eco".to_owned()))
            .expect("valid assignment"),
        cooperating: vec![],
        deadline: deadline(due),
    }
}

fn water_cut(due: &str) -> Terms {
    terms("water_cut", "water", true, due)
}

fn well_closure(due: &str) -> Terms {
    terms("well_closure", "water", false, due)
}

fn measure(id: &str, terms: Terms) -> PlannedMeasure {
    PlannedMeasure {
        id: id.into(),
        terms,
    }
}

fn key(id: &str, round: u32) -> ItemKey {
    ItemKey {
        measure_id: id.into(),
        round: Round::new(round.into()).expect("valid round"),
    }
}

fn item(id: &str, round: u32, state: State, terms: Terms) -> ExistingItem {
    ExistingItem {
        key: key(id, round),
        state,
        terms,
    }
}

fn round(number: u32) -> Round {
    Round::new(number.into()).expect("valid round")
}

const DUE: &str = "2021-12-31";
const EARLIER: &str = "2021-11-30";

struct Case {
    why: &'static str,
    round: u32,
    measures: Vec<PlannedMeasure>,
    items: Vec<ExistingItem>,
    expected: Vec<Effect>,
}

fn cases() -> Vec<Case> {
    let blocked = State::Blocked {
        from: Resume::InProgress,
    };
    vec![
        Case {
            why: "a first publication creates one item per owned measure",
            round: 1,
            measures: vec![
                measure("m1", water_cut(DUE)),
                measure("m6", well_closure(DUE)),
            ],
            items: vec![],
            expected: vec![
                Effect::Create {
                    key: key("m1", 1),
                    terms: water_cut(DUE),
                },
                Effect::Create {
                    key: key("m6", 1),
                    terms: well_closure(DUE),
                },
            ],
        },
        Case {
            why: "the same plan again changes nothing",
            round: 1,
            measures: vec![measure("m1", water_cut(DUE))],
            items: vec![item("m1", 1, State::InProgress, water_cut(DUE))],
            expected: vec![],
        },
        Case {
            why: "a new deadline reschedules an open item and keeps its state",
            round: 1,
            measures: vec![measure("m1", water_cut(EARLIER))],
            items: vec![item("m1", 1, State::InProgress, water_cut(DUE))],
            expected: vec![Effect::Reschedule {
                key: key("m1", 1),
                previous: water_cut(DUE),
                terms: water_cut(EARLIER),
                changed: vec![TermField::Deadline],
            }],
        },
        Case {
            why: "a new executor and title reschedule a blocked item",
            round: 1,
            measures: vec![measure(
                "m1",
                Terms {
                    title: "断水（含自备井）".into(),
                    ..terms("water_cut", "yuelai", true, DUE)
                },
            )],
            items: vec![item("m1", 1, blocked, water_cut(DUE))],
            expected: vec![Effect::Reschedule {
                key: key("m1", 1),
                previous: water_cut(DUE),
                terms: Terms {
                    title: "断水（含自备井）".into(),
                    ..terms("water_cut", "yuelai", true, DUE)
                },
                changed: vec![TermField::Title, TermField::Executor],
            }],
        },
        Case {
            why: "a done item awaiting verification is still open and takes a new verifier's terms",
            round: 1,
            measures: vec![measure("m1", terms("water_cut", "water", false, DUE))],
            items: vec![item("m1", 1, State::Done, water_cut(DUE))],
            expected: vec![Effect::Reschedule {
                key: key("m1", 1),
                previous: water_cut(DUE),
                terms: terms("water_cut", "water", false, DUE),
                changed: vec![TermField::Verifier],
            }],
        },
        Case {
            why: "complete items are not rescheduled",
            round: 1,
            measures: vec![
                measure("m1", water_cut(EARLIER)),
                measure("m6", well_closure(EARLIER)),
                measure("m7", well_closure(EARLIER)),
            ],
            items: vec![
                item("m1", 1, State::Verified, water_cut(DUE)),
                item("m6", 1, State::Done, well_closure(DUE)),
                item("m7", 1, State::Waived, well_closure(DUE)),
            ],
            expected: vec![],
        },
        Case {
            why: "a removed measure cancels pending, in-progress and blocked items",
            round: 1,
            measures: vec![],
            items: vec![
                item("m1", 1, State::Pending, water_cut(DUE)),
                item("m2", 1, State::InProgress, water_cut(DUE)),
                item("m3", 1, blocked, water_cut(DUE)),
            ],
            expected: vec![
                Effect::Cancel { key: key("m1", 1) },
                Effect::Cancel { key: key("m2", 1) },
                Effect::Cancel { key: key("m3", 1) },
            ],
        },
        Case {
            why: "a removed measure leaves done, verified, waived and cancelled items alone",
            round: 1,
            measures: vec![],
            items: vec![
                item("m1", 1, State::Done, water_cut(DUE)),
                item("m2", 1, State::Verified, water_cut(DUE)),
                item("m3", 1, State::Waived, water_cut(DUE)),
                item("m4", 1, State::Cancelled, water_cut(DUE)),
            ],
            expected: vec![],
        },
        Case {
            why: "a measure put back restores its cancelled item with the plan's terms",
            round: 1,
            measures: vec![measure("m1", water_cut(EARLIER))],
            items: vec![item("m1", 1, State::Cancelled, water_cut(DUE))],
            expected: vec![Effect::Restore {
                key: key("m1", 1),
                terms: water_cut(EARLIER),
            }],
        },
        Case {
            why: "added, changed, unchanged and removed measures in one update, creates in plan order",
            round: 1,
            measures: vec![
                measure("m9", well_closure(DUE)),
                measure("m1", water_cut(EARLIER)),
                measure("m6", well_closure(DUE)),
            ],
            items: vec![
                item("m1", 1, State::Pending, water_cut(DUE)),
                item("m6", 1, State::Pending, well_closure(DUE)),
                item("m7", 1, State::Pending, well_closure(DUE)),
            ],
            expected: vec![
                Effect::Create {
                    key: key("m9", 1),
                    terms: well_closure(DUE),
                },
                Effect::Reschedule {
                    key: key("m1", 1),
                    previous: water_cut(DUE),
                    terms: water_cut(EARLIER),
                    changed: vec![TermField::Deadline],
                },
                Effect::Cancel { key: key("m7", 1) },
            ],
        },
        Case {
            why: "a reopened enterprise gets every owned measure again in round 2, round 1 untouched",
            round: 2,
            measures: vec![
                measure("m1", water_cut(DUE)),
                measure("m6", well_closure(DUE)),
            ],
            items: vec![
                item("m1", 1, State::Verified, water_cut(EARLIER)),
                item("m6", 1, State::Done, well_closure(EARLIER)),
                item("m7", 1, State::Pending, well_closure(EARLIER)),
            ],
            expected: vec![
                Effect::Create {
                    key: key("m1", 2),
                    terms: water_cut(DUE),
                },
                Effect::Create {
                    key: key("m6", 2),
                    terms: well_closure(DUE),
                },
            ],
        },
        Case {
            why: "a plan update after a reopening touches only the current round",
            round: 2,
            measures: vec![measure("m1", water_cut(EARLIER))],
            items: vec![
                item("m1", 1, State::Verified, water_cut(DUE)),
                item("m6", 1, State::Pending, well_closure(DUE)),
                item("m1", 2, State::Pending, water_cut(DUE)),
                item("m6", 2, State::Pending, well_closure(DUE)),
            ],
            expected: vec![
                Effect::Reschedule {
                    key: key("m1", 2),
                    previous: water_cut(DUE),
                    terms: water_cut(EARLIER),
                    changed: vec![TermField::Deadline],
                },
                Effect::Cancel { key: key("m6", 2) },
            ],
        },
    ]
}

#[test]
fn each_plan_change_comes_to_the_expected_effects() {
    for case in cases() {
        let effects = sync(round(case.round), &case.measures, &case.items);
        assert_eq!(effects, Ok(case.expected), "{}", case.why);
    }
}

#[test]
fn applying_the_effects_and_syncing_again_changes_nothing() {
    for case in cases() {
        let mut items = case.items.clone();
        for effect in sync(round(case.round), &case.measures, &items).expect(case.why) {
            match effect {
                Effect::Create { key, terms } => items.push(ExistingItem {
                    key,
                    state: State::Pending,
                    terms,
                }),
                Effect::Reschedule { key, terms, .. } | Effect::Restore { key, terms } => {
                    let item = items.iter_mut().find(|i| i.key == key).expect(case.why);
                    if item.state == State::Cancelled {
                        item.state = State::Pending;
                    }
                    item.terms = terms;
                }
                Effect::Cancel { key } => {
                    items
                        .iter_mut()
                        .find(|i| i.key == key)
                        .expect(case.why)
                        .state = State::Cancelled;
                }
            }
        }
        let again = sync(round(case.round), &case.measures, &items);
        assert_eq!(again, Ok(vec![]), "{}: idempotent", case.why);
    }
}

#[test]
fn an_older_round_than_the_items_is_a_stale_event() {
    let items = vec![item("m1", 2, State::Pending, water_cut(DUE))];
    let result = sync(round(1), &[measure("m1", water_cut(EARLIER))], &items);
    assert_eq!(
        result,
        Err(SyncError::StaleRound {
            round: round(1),
            latest: round(2)
        })
    );
}

#[test]
fn duplicate_measure_ids_are_refused() {
    let measures = [
        measure("m1", water_cut(DUE)),
        measure("m1", well_closure(DUE)),
    ];
    assert_eq!(
        sync(round(1), &measures, &[]),
        Err(SyncError::DuplicateMeasure("m1".into()))
    );
}

#[test]
fn measures_resolve_the_jurisdiction_placeholder() {
    let planned = PlannedMeasure::resolve(
        "m3",
        "clear_materials",
        "清除原料",
        "jurisdiction",
        Some("eco"),
        &["police".to_owned(), "jurisdiction".to_owned()],
        deadline(DUE),
        "donghe",
    )
    .expect("valid measure");
    assert_eq!(planned.terms.assignment.executor(), "donghe", "executor");
    assert_eq!(planned.terms.assignment.verifier(), Some("eco"), "verifier");
    assert_eq!(
        planned.terms.cooperating,
        ["police", "donghe"],
        "cooperating"
    );
    let clash = PlannedMeasure::resolve(
        "m3",
        "clear_materials",
        "清除原料",
        "jurisdiction",
        Some("jurisdiction"),
        &[],
        deadline(DUE),
        "donghe",
    );
    assert_eq!(
        clash,
        Err(AssignmentError::VerifierIsExecutor {
            party: "donghe".into()
        }),
        "a township cannot verify its own clearing"
    );
}

#[test]
fn term_fields_name_the_work_item_fields() {
    let cases = [
        (TermField::Deadline, &["deadline"][..]),
        (TermField::Executor, &["executor"][..]),
        (TermField::Verifier, &["needs_verification", "verifier"][..]),
    ];
    for (field, paths) in cases {
        assert_eq!(field.paths(), paths, "{field:?}");
    }
}
