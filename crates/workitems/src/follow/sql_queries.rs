// The effects of the registry's changes on a service's work items, compiled once per backend by
// `per_backend!` (see follow/sql.rs). They run inside the follower's transaction, which also
// moves its cursor: applied once, or not at all.

/// The enterprise's current round, if its plan was seen published.
async fn current_round(tx: &mut Tx<'_>, enterprise_id: &str) -> Result<Option<Round>> {
    let row: Option<(i32,)> = sqlx::query_as("SELECT round FROM enterprise_rounds WHERE enterprise_id = $1")
        .bind(enterprise_id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|(round,)| {
        Round::new(round.into())
            .map_err(|e| rectify_kit::Error::corrupt("round", &format!("enterprise_rounds {enterprise_id}"), e))
    })
    .transpose()
}

async fn save_round(tx: &mut Tx<'_>, plan: &PlanChange, round: Round, at: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "INSERT INTO enterprise_rounds (enterprise_id, round, plan_version, updated_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (enterprise_id) DO UPDATE SET round = $2, plan_version = $3, updated_at = $4",
    )
    .bind(&plan.enterprise_id)
    .bind(crate::store::round_column(round))
    .bind(plan.plan_version)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Applies the registry's `change` to `follower`'s items at `at`: the plan's owned measures
/// synced with the enterprise's items of the round; each effect's rows, step and typed event
/// (on this service's journal, attributed to the change followed).
pub async fn apply_change(tx: &mut Tx<'_>, follower: &PlanFollower, change: &Change, at: DateTime<Utc>) -> Result<()> {
    let Some(plan) = decode(change, follower.service, &follower.campaign)? else {
        return Ok(());
    };
    let round = plan.event.round(current_round(tx, &plan.enterprise_id).await?);
    save_round(tx, &plan, round, at).await?;
    let mut items = tx.enterprise_items_for_update(&plan.enterprise_id).await?;
    let existing: Vec<ExistingItem> = items
        .iter()
        .map(|item| ExistingItem {
            key: ItemKey { measure_id: item.measure_id.clone(), round: item.round },
            state: item.state,
            terms: item.terms.clone(),
        })
        .collect();
    let effects = sync(round, &plan.measures, &existing)
        .map_err(|e| rectify_kit::Error::Internal(anyhow::anyhow!("registry change {}: {e}", change.seq)))?;
    let origin = Origin::following(&follower.actor(), REGISTRY, change);
    for effect in effects {
        let event = apply_effect(tx, &plan, &mut items, effect, &origin.request_id, at).await?;
        kit::record_change(tx, &origin, &event).await?;
    }
    Ok(())
}

async fn apply_effect(
    tx: &mut Tx<'_>,
    plan: &PlanChange,
    items: &mut [Item],
    effect: Effect,
    request_id: &str,
    at: DateTime<Utc>,
) -> Result<NewChange> {
    let step = |action, from: Option<State>, to: State, reason: String| Step {
        action,
        from: from.map(StateCode::of),
        to: StateCode::of(to),
        actor: PLAN_ACTOR.to_owned(),
        at,
        reason,
        evidence: None,
        request_id: request_id.to_owned(),
        plan_version: plan.plan_version,
    };
    let (key, transition) = match effect {
        Effect::Create { key, terms } => {
            let item = Item {
                id: uuid::Uuid::now_v7().to_string(),
                enterprise_id: plan.enterprise_id.clone(),
                enterprise_display_name: plan.display_name.clone(),
                jurisdiction: plan.jurisdiction.clone(),
                measure_id: key.measure_id,
                round: key.round,
                terms,
                state: State::Pending,
                blocked_reason: String::new(),
                waived_reason: String::new(),
                plan_version: plan.plan_version,
                version: 1,
                created_at: at,
                updated_at: at,
            };
            tx.insert_item(&item, &step(ActionCode::Create, None, State::Pending, String::new())).await?;
            return Ok(events::created(&item));
        }
        Effect::Reschedule { key, previous, terms, changed } => {
            let item = find(items, &key)?;
            let reason = describe(&previous, &terms, &changed);
            item.terms = terms;
            item.plan_version = plan.plan_version;
            item.version += 1;
            item.updated_at = at;
            tx.save_step(item, &step(ActionCode::Reschedule, Some(item.state), item.state, reason)).await?;
            return Ok(events::rescheduled(item, &previous, &changed));
        }
        Effect::Restore { key, terms } => {
            let item = find(items, &key)?;
            item.terms = terms;
            (key, Action::Restore)
        }
        Effect::Cancel { key } => (key, Action::Cancel),
    };
    let item = find(items, &key)?;
    item.plan_version = plan.plan_version;
    tx.apply(item, &Transition::by_plan(transition, request_id.to_owned(), at)).await
}

fn find<'a>(items: &'a mut [Item], key: &ItemKey) -> Result<&'a mut Item> {
    items
        .iter_mut()
        .find(|item| item.measure_id == key.measure_id && item.round == key.round)
        .ok_or_else(|| rectify_kit::Error::Internal(anyhow::anyhow!("no item for measure {} in round {}", key.measure_id, key.round)))
}
