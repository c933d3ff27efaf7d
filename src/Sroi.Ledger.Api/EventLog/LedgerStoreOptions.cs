using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.MultiTenancy;
using Marten;
using Npgsql;
using Weasel.Core;
using Sroi.Ledger.Api.Database;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// How the ledger keeps its events in Marten: streams named by string (<c>contract-…</c>), the stable event
/// names of <see cref="LedgerEventTypes"/>, Quick append, conjoined tenancy with the municipality's CBS code
/// as tenant, the actor, correlation and causation ids in Marten's metadata columns and the reason and
/// idempotency key as headers. Payloads are written with the ledger's own JSON options, so a stored event
/// has exactly the shape its golden test pins.
/// </summary>
public static class LedgerStoreOptions
{
    /// <param name="signer">Signs every commit's new chain heads (Auditing/CommitSignatures). The service always passes one
    /// (Program.cs); a store without one — a test's or a tool's, or the benchmark measuring what signing costs — appends
    /// unsigned commits, which verification names.</param>
    public static DocumentStore CreateStore(NpgsqlDataSource dataSource, Auditing.CommitSignatures.CommitSigner? signer = null) =>
        new(Configure(new StoreOptions(), dataSource, signer));

    public static StoreOptions Configure(StoreOptions options, NpgsqlDataSource dataSource, Auditing.CommitSignatures.CommitSigner? signer = null)
    {
        // Marten's commit may replay a batch in a new transaction; never one whose caller began and locked the first.
        options.Listeners.Add(new CallerTransaction.Listener());
        if (signer is not null) options.Listeners.Add(signer);
        options.Connection(dataSource);
        // Marten adds its own converters to the options it is given: hand it a copy.
        options.UseSystemTextJsonForSerialization(new System.Text.Json.JsonSerializerOptions(Json.EventJson.Options),
            EnumStorage.AsString, Casing.CamelCase);
        // A NodaTime date in a duplicated column is a PostgreSQL date (the data source writes it with Npgsql.NodaTime);
        // Weasel's type map is process-wide and knows only the BCL's types.
        Weasel.Postgresql.PostgresqlProvider.Instance.RegisterMapping(typeof(NodaTime.LocalDate), "date", NpgsqlTypes.NpgsqlDbType.Date);
        // The schema is applied at start-up by its owner (LedgerDatabase.PrepareAsync), never lazily inside a request:
        // the service's own role may not change it.
        options.AutoCreateSchemaObjects = AutoCreate.None;

        var events = options.Events;
        events.StreamIdentity = StreamIdentity.AsString;
        events.AppendMode = EventAppendMode.Quick;
        events.TenancyStyle = TenancyStyle.Conjoined;
        events.MetadataConfig.UserNameEnabled = true;
        events.MetadataConfig.CorrelationIdEnabled = true;
        events.MetadataConfig.CausationIdEnabled = true;
        events.MetadataConfig.HeadersEnabled = true;
        foreach (var (type, name) in LedgerEventTypes.All)
            events.MapEventType(type, name);

        // One fold per stream, kept inline (in the append's transaction) as the document the decider and the API read.
        options.Policies.AllDocumentsAreMultiTenanted();
        options.Projections.Add(new Policies.SroiPolicyFold(), ProjectionLifecycle.Inline);
        options.Projections.Add(new BuildingBlocks.BuildingBlockTableFold(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Ambitions.AmbitionsFold(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Programmes.ProgrammeFold(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Pso.PsoCertificatesFold(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Candidates.CandidateFold(), ProjectionLifecycle.Inline);
        // The candidates' report tables, written by statements in the same transaction (and rebuilt by Marten's daemon).
        options.Projections.Add(new Candidates.CandidateReportTables(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Contracts.ContractFold(), ProjectionLifecycle.Inline);
        Contracts.ContractStorage.Configure(options);
        // Each report a document of its own, changed by the events that touch it (issue 23: a write's cost flat in the
        // contract's size).
        // Marten's daemon (the command line's `projections rebuild`) clears the table first: the projection reads what it
        // changes, so a replay over surviving rows would add every report twice.
        options.Projections.Add(new Fulfilments.Storing.FulfilmentDocuments(), ProjectionLifecycle.Inline,
            asyncConfiguration: o =>
            {
                o.DeleteViewTypeOnTeardown<Fulfilments.Storing.FulfilmentDocument>();
                o.DeleteDataInTableOnTeardown(Fulfilments.Storing.FulfilmentDocuments.StreamsTable);
            });
        Fulfilments.Storing.FulfilmentStorage.Configure(options);
        // Not a fold: the invoice claims across all contracts, queued in the append's batch after the contract's document.
        options.Projections.Add(new Fulfilments.InvoiceClaims(), ProjectionLifecycle.Inline);
        return options;
    }
}
