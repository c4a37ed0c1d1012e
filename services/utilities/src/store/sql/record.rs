// The Record* transaction script, included in each backend's module by sql/queries.rs: one write
// envelope completes the work item (through rectify_workitems' ItemTx) and records the bureau's
// own facts, with the work-item event and the bureau's event on the feed.

/// Records `record` as the caller of `ctx` at `now`: loads the item it names (locked), checks
/// its kind and etag, completes it with the record's evidence (NOT_EXECUTOR, ILLEGAL_TRANSITION
/// and the like come from the work-item machinery), writes this service's rows (a cut starts
/// its standing order), records `WorkItemCompleted` and the bureau's event, and commits with
/// the answer `answer` builds from the item (now DONE, with its history) and the order.
pub async fn record<A: prost::Message + Default>(
    pool: &Pool,
    journal: &Journal,
    ctx: &CallContext,
    record: &Record,
    now: DateTime<Utc>,
    answer: fn(wpb::WorkItem, Option<pb::StandingOrder>) -> A,
) -> Result<A> {
    let mut write = rectify_kit::begin_write!(pool, journal, ctx);
    let tx = write.tx();
    let id = record.work_item().id();
    let mut item = tx
        .recorded_for_update(id, record.kinds(), record.method(), record.etag())
        .await?;
    let completed = tx
        .complete(ctx, &mut item, Some(record.evidence().clone()), now)
        .await?;
    let recorded_by = ctx.actor();
    let order = match record {
        Record::WaterCut(cut) => {
            let supply = Supply::Water {
                meter: cut.meter_number.to_string(),
                seal: cut.seal_number.to_string(),
            };
            Some(start_order(tx, &item, supply, record.executed_at(), now).await?)
        }
        Record::PowerCut(cut) => {
            let supply = Supply::Power {
                account: cut.account_number.to_string(),
                meter: cut.meter_number.to_string(),
                reading_at_cut: cut.reading_at_cut,
            };
            Some(start_order(tx, &item, supply, record.executed_at(), now).await?)
        }
        Record::Clearing(clearing) => {
            insert_clearing(tx, &item, clearing, &recorded_by, now).await?;
            None
        }
        Record::WellClosure(closure) => {
            insert_closure(tx, &item, closure, &recorded_by, now).await?;
            None
        }
    };
    let own = events::recorded(&item, record, record.evidence().to_proto(&recorded_by, now));
    let mut work_item = item.to_proto(Some(now));
    work_item.history = tx.history(id).await?;
    let answer = answer(work_item, order.map(|order| order.to_proto(Vec::new())));
    write.record_change(completed);
    write.record_change(own);
    write.commit(&answer).await?;
    Ok(answer)
}

/// The standing order a cut of `supply` on `item`, executed at `cut_at`, starts: a new order,
/// or, for a cut recorded again after the verifier sent the item back, the next cut of the
/// same order, with no reconnection or reading yet.
async fn start_order(
    tx: &mut Tx<'_>,
    item: &Item,
    supply: Supply,
    cut_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Order> {
    let previous = order_for_update(tx, &item.id).await?;
    let order = Order {
        work_item_id: item.id.clone(),
        enterprise_id: item.enterprise_id.clone(),
        enterprise_display_name: item.enterprise_display_name.clone(),
        jurisdiction: item.jurisdiction.clone(),
        supply,
        cut_at: crate::store::stored(cut_at),
        cut: previous.map_or(1, |order| order.cut + 1),
        reconnected: false,
        latest: None,
        rebound_suspected: false,
        updated_at: now,
    };
    save_order(tx, &order).await?;
    Ok(order)
}
