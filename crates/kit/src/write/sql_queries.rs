// The per-write envelope, compiled once per backend by `per_backend!` (see sql.rs).

/// A mutating call's transaction: rows changed through [`Write::tx`], events
/// recorded with [`Write::record`], all made durable by [`Write::commit`].
/// Dropped without commit, everything is rolled back.
#[derive(Debug)]
pub struct Write {
    tx: Tx<'static>,
    ctx: CallContext,
    journal: Journal,
    changes: Vec<NewChange>,
}

impl Write {
    /// Begins the transaction; a request_id this caller used before for the
    /// same request gives its stored answer, for a different request an error.
    pub async fn begin(pool: &Pool, journal: &Journal, ctx: &CallContext) -> Result<Begun<Write>> {
        let mut tx = dialect::begin(pool).await?;
        if let Some(answer) = kit::find_answer(&mut tx, ctx).await? {
            return Ok(Begun::Replayed(Replay(answer)));
        }
        Ok(Begun::Fresh(Write {
            tx,
            ctx: ctx.clone(),
            journal: journal.clone(),
            changes: Vec::new(),
        }))
    }

    /// The transaction, for the service's own queries.
    pub fn tx(&mut self) -> &mut Tx<'static> {
        &mut self.tx
    }

    /// The caller.
    pub fn ctx(&self) -> &CallContext {
        &self.ctx
    }

    /// Records a typed event about `resource`, written at commit.
    pub fn record<E: prost::Name>(&mut self, resource: impl Into<String>, event: &E) {
        self.changes.push(NewChange::new(resource, event));
    }

    /// Records an event already packed (see [`NewChange::new`]).
    pub fn record_change(&mut self, change: NewChange) {
        self.changes.push(change);
    }

    /// Writes the events and the answer, commits, and wakes the sequencer.
    /// A write must record at least one event.
    pub async fn commit<A: prost::Message>(mut self, answer: &A) -> Result<()> {
        if self.changes.is_empty() {
            return Err(Error::Internal(anyhow::anyhow!(
                "{} recorded no event",
                self.ctx.method
            )));
        }
        let origin: Origin = self.ctx.origin();
        for change in &self.changes {
            kit::record_change(&mut self.tx, &origin, change).await?;
        }
        kit::save_answer(&mut self.tx, &self.ctx, &answer.encode_to_vec()).await?;
        self.tx.commit().await?;
        self.journal.committed();
        Ok(())
    }
}
