extern alias api;

using System.Text;
using System.Text.Json;
using api::Sroi.Ledger.Api.Admin;
using api::Sroi.Ledger.Api.Ambitions;
using api::Sroi.Ledger.Api.Auth;
using api::Sroi.Ledger.Api.Candidates;
using api::Sroi.Ledger.Api.Candidates.RegisteringCandidate;
using api::Sroi.Ledger.Api.Contracts;
using api::Sroi.Ledger.Api.Contracts.AmendingContract;
using api::Sroi.Ledger.Api.Contracts.RegisteringContract;
using api::Sroi.Ledger.Api.EventLog;
using api::Sroi.Ledger.Api.Fulfilments;
using api::Sroi.Ledger.Api.Fulfilments.Reporting;
using api::Sroi.Ledger.Api.Fulfilments.Reviewing;
using api::Sroi.Ledger.Api.Hosting;
using api::Sroi.Ledger.Api.HttpConventions;
using api::Sroi.Ledger.Api.Placements.RecordingPlacement;
using api::Sroi.Ledger.Api.Writing;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Domain.Shared;
using api::Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Benchmarks.Commands;

/// <summary>
/// The ledger's full command path, minus HTTP: the endpoint's own handler method (the one ASP.NET's route calls) with
/// its parameters bound from a <see cref="DefaultHttpContext"/> whose request carries the JSON body and whose user is the
/// caller; then the typed result it returns is executed into the response, whose status code is the answer. The services
/// are the service's own, from its host (<see cref="LedgerHost"/>).
/// </summary>
internal sealed class LedgerCommands : ICommandSide
{
    public const string ContractorKvk = "12345678";

    private static readonly MunicipalityCode Municipality = MunicipalityCode.Rijswijk;
    private static readonly Caller Inkoop = new("bench-inkoop", Role.Inkoop, Municipality, null);
    private static readonly Caller Wsp = new("bench-wsp", Role.Wsp, Municipality, null);
    private static readonly Caller Contractor = new("bench-opdrachtnemer", Role.Opdrachtnemer, Municipality, KvkNumber.Parse(ContractorKvk));

    private readonly IServiceProvider services;
    private readonly LedgerWriter writer;
    private readonly IDocumentStore store;
    private readonly NpgsqlDataSource dataSource;
    private readonly LedgerEvents events;
    private readonly IClock clock;
    private readonly SaveCounter saves;

    /// <param name="services">The service's own (<see cref="LedgerHost.Services"/>), its store counting commits into <paramref name="saves"/>.</param>
    public LedgerCommands(IServiceProvider services, SaveCounter saves)
    {
        this.services = services;
        writer = services.GetRequiredService<LedgerWriter>();
        store = services.GetRequiredService<IDocumentStore>();
        events = services.GetRequiredService<LedgerEvents>();
        clock = services.GetRequiredService<IClock>();
        dataSource = services.GetRequiredService<NpgsqlDataSource>();
        this.saves = saves;
    }

    public string Name => "ledger";

    public long Attempts => saves.Attempts;

    public Task<Outcome> RunAsync(CommandKind kind, Target? target, int index) => kind switch
    {
        CommandKind.RegisterContract => SendAsync<RegisterContractRequest>("POST", "/api/v1/contracts", Inkoop, Bodies.Contract(),
            (body, headers, user) => Run(RegisterContractEndpoint.HandleAsync(body, headers, user, writer, store, clock, default))),
        CommandKind.AmendContract => SendAsync<AmendContractRequest>("POST", $"/api/v1/contracts/{target!.Contract}/amendments", Inkoop, Bodies.Amendment(index),
            (body, headers, user) => Run(AmendContractEndpoint.HandleAsync(target.Contract, body, headers, user, writer, store, clock, default))),
        CommandKind.ReportFulfilment => SendAsync<FulfilmentReportShape>("POST", $"/api/v1/contracts/{target!.Contract}/fulfilments", Contractor, Bodies.Purchase(),
            (body, headers, user) => Run(ReportFulfilmentEndpoint.ReportAsync(target.Contract, body, headers, user, writer, store, dataSource, clock, default))),
        CommandKind.AcceptFulfilment => SendAsync<AcceptanceRequest>("POST",
            $"/api/v1/contracts/{target!.Contract}/fulfilments/{target.Reports![index]}/acceptance", Wsp, Bodies.Acceptance,
            (body, headers, user) => Run(ReviewFulfilmentEndpoints.AcceptAsync(target.Contract, target.Reports[index], body, headers, user, writer, store, clock, default))),
        CommandKind.RegisterCandidate => SendAsync<RegisterCandidateRequest>("POST", "/api/v1/candidates", Wsp, Bodies.Candidate(Bodies.CandidateNumber()),
            (body, headers, user) => Run(RegisterCandidateEndpoint.HandleAsync(body, headers, user, writer, clock, default))),
        CommandKind.RecordPlacement => SendAsync<RecordPlacementRequest>("POST", $"/api/v1/candidates/{target!.Candidate}/placements", Wsp, Bodies.Placement,
            (body, headers, user) => Run(RecordPlacementEndpoint.HandleAsync(target.Candidate, body, headers, user, writer, events, dataSource, clock, default))),
        CommandKind.SetAmbition => SendAsync<SetAmbitionRequest>("PUT", $"/api/v1/ambitions/{target!.Year}", Wsp, Bodies.Ambition(index),
            (body, headers, user) => Run(SetAmbitionEndpoint.HandleAsync(target.Year, body, headers, user, writer, default))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static async Task<IResult> Run<TResult>(Task<TResult> handler) where TResult : IResult => await handler;

    /// <summary>A report of the given body on <paramref name="contract"/> by its contractor (the contract-size mode's bodies vary by kind).</summary>
    public Task<Outcome> ReportAsync(Guid contract, string body) =>
        SendAsync<FulfilmentReportShape>("POST", $"/api/v1/contracts/{contract}/fulfilments", Contractor, body,
            (b, headers, user) => Run(ReportFulfilmentEndpoint.ReportAsync(contract, b, headers, user, writer, store, dataSource, clock, default)));

    /// <summary>The WSP accepts report <paramref name="report"/> of <paramref name="contract"/>.</summary>
    public Task<Outcome> AcceptAsync(Guid contract, Guid report) =>
        SendAsync<AcceptanceRequest>("POST", $"/api/v1/contracts/{contract}/fulfilments/{report}/acceptance", Wsp, Bodies.Acceptance,
            (b, headers, user) => Run(ReviewFulfilmentEndpoints.AcceptAsync(contract, report, b, headers, user, writer, store, clock, default)));

    /// <summary>A new contract through its handler, its id.</summary>
    public Task<Guid> NewContractAsync() => RegisterContractAsync();

    /// <summary>The id in a 201's body.</summary>
    public static Guid IdIn(Outcome outcome) => IdOf(outcome);

    /// <summary>Through the same handlers: a contract (with <paramref name="commands"/> pending reports, for an acceptance) or a candidate.</summary>
    public async Task<Target?> CreateTargetAsync(CommandKind kind, int writer, int commands)
    {
        switch (kind)
        {
            case CommandKind.AmendContract or CommandKind.ReportFulfilment:
                return new Target(Contract: await RegisterContractAsync());
            case CommandKind.AcceptFulfilment:
                var contract = await RegisterContractAsync();
                var reports = new List<Guid>(commands);
                for (var i = 0; i < commands; i++)
                    reports.Add(IdOf(Required(await RunAsync(CommandKind.ReportFulfilment, new Target(Contract: contract), i), 201)));
                return new Target(Contract: contract, Reports: reports);
            case CommandKind.RecordPlacement:
                var number = Bodies.CandidateNumber();
                Required(await SendAsync<RegisterCandidateRequest>("POST", "/api/v1/candidates", Wsp, Bodies.Candidate(number),
                    (body, headers, user) => Run(RegisterCandidateEndpoint.HandleAsync(body, headers, user, this.writer, clock, default))), 201);
                return new Target(Candidate: number);
            case CommandKind.SetAmbition:
                return new Target(Year: Bodies.AmbitionYear(writer));
            default:
                return null;
        }
    }

    private async Task<Guid> RegisterContractAsync() => IdOf(Required(await RunAsync(CommandKind.RegisterContract, null, 0), 201));

    /// <summary>
    /// The request as ASP.NET would bind it for the endpoint: the JSON body through <see cref="JsonBody{T}"/>'s own binding,
    /// no write headers, the caller's principal; a body it refuses is answered as the API group's filter answers it.
    /// </summary>
    private async Task<Outcome> SendAsync<TBody>(string method, string path, Caller caller, string body,
        Func<JsonBody<TBody>, WriteHeaders, System.Security.Claims.ClaimsPrincipal, Task<IResult>> handler) where TBody : class
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var bytes = Encoding.UTF8.GetBytes(body);
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes, writable: false);
        var response = new MemoryStream();
        http.Response.Body = response;
        http.User = caller.ToPrincipal();

        var bound = (await JsonBody<TBody>.BindAsync(http, null!))!;
        var result = bound.Refusal ?? await handler(bound, new WriteHeaders { Trace = new RequestTrace(http.TraceIdentifier) }, http.User);
        await result.ExecuteAsync(http);
        return new Outcome(http.Response.StatusCode, response);
    }

    private static Outcome Required(Outcome outcome, int status) => outcome.Status == status
        ? outcome
        : throw new InvalidOperationException($"Preparing: expected {status}, got {outcome.Status}: {outcome.Text}");

    private static Guid IdOf(Outcome outcome)
    {
        using var json = JsonDocument.Parse(outcome.Response!.ToArray());
        return json.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// The request bodies, valid as the API tests' own (tests/Sroi.Ledger.Api.Tests/*Bodies.cs): a Rijswijk contract of
    /// €200.000 (an obligation, valued with the shipped Haaglanden 2023 table), social procurement with an invoice of its own,
    /// a candidate registered in 2020, a placement in 2021.
    /// </summary>
    internal static class Bodies
    {
        private static long sequence;
        private static long candidateSequence = 100_000_000;

        private static long Next() => Interlocked.Increment(ref sequence);

        // The run in every reference and invoice number: `--lists` seeds more contracts into a database an earlier run
        // seeded (SROI_BENCH_DATABASE), where the sequence alone started again at 1 and ran into its references (a 400).
        private static readonly long Run = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % (BenchReferences.MaxNumber + 1);

        public static string Contract() => $$"""
            {"reference":"{{BenchReferences.Of("B", Run, Next())}}","title":"Herinrichting Haagweg","category":"werken","contractValue":200000,
             "contractor":{"kvkNumber":"{{ContractorKvk}}","name":"Bouwbedrijf De Vliet B.V."},
             "awardedOn":"2024-03-01","startsOn":"2024-04-01","endsOn":"2025-03-31","scope":"regional"}
            """;

        /// <summary>Two values in turn, so that every amendment changes the value.</summary>
        public static string Amendment(int index) =>
            $$"""{"contractValue":{{(index % 2 == 0 ? 300000 : 310000)}},"effectiveOn":"2024-09-01","reason":"Meerwerk riolering fase 2"}""";

        public static string Purchase() => $$"""
            {"kind":"social-procurement","supplier":{"kvkNumber":"87654321","name":"De Groene Werkplaats B.V.","recognition":"social-enterprise-nl"},
             "invoiceNumber":"{{BenchReferences.Of("F", Run, Next())}}","invoiceDate":"2024-05-15","amountExclVat":120.00}
            """;

        public const string Acceptance = "{}";

        public static string Candidate(string number) =>
            $$"""{"candidateNumber":"{{number}}","municipality":"GM0603","registeredOn":"2020-01-06","trede":2,"targetGroup":"participatiewet","benefitSince":"2019-11-01"}""";

        /// <summary>Nine digits that fail the elfproef: pseudonymous, never a BSN (CandidateNumber refuses those that pass).</summary>
        public static string CandidateNumber()
        {
            while (true)
            {
                var text = Interlocked.Increment(ref candidateSequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!Elfproef.Passes(text)) return text;
            }
        }

        public const string Placement = """
            {"employer":{"kvkNumber":"87654321","name":"Hoveniersbedrijf Groen B.V."},"startedOn":"2021-03-01","hoursPerWeek":40,"kind":"regular","channel":"wsp"}
            """;

        public static int AmbitionYear(int writer) => 2030 + writer;

        public static string Ambition(int index) => $$"""{"municipality":"GM0603","placements":{{120 + index % 2}},"sroiPlacements":30}""";
    }
}

/// <summary>
/// Counts the ledger's commits (Marten calls a session listener before every SaveChanges): a lost race that the writer
/// retries is a second attempt, so attempts − commands is the number of retries. Added to the service's own store
/// options; it does nothing else.
/// </summary>
internal sealed class SaveCounter : DocumentSessionListenerBase
{
    private long attempts;

    public long Attempts => Interlocked.Read(ref attempts);

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        Interlocked.Increment(ref attempts);
        return Task.CompletedTask;
    }
}
