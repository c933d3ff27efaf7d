using JasperFx.CommandLine;
using Npgsql;

namespace Sroi.Ledger.Api.Contracts.ReportsApart;

public sealed class ReportsApartInput : NetCoreInput
{
    [Description("status (whether the switch is on) or on (turn it on, once, for the whole database)")]
    public string Action { get; set; } = "";

    [Description("on: the operator's word that every node runs this build and none of the previous release will start again"),
     FlagAlias("every-node-upgraded", true)]
    public bool EveryNodeUpgradedFlag { get; set; }
}

/// <summary>
/// <c>Sroi.Ledger.Api reports-apart status|on --every-node-upgraded</c>: the operator's switch of issue 23's stage 3
/// (<see cref="ReportsApartSwitch"/>) from the command line, instead of the SQL statement README's upgrade section gave. Turning
/// it on while a node of the previous release still runs would have that node move the stored totals by a report list
/// that is no longer there, so <c>on</c> asks for the operator's word (<c>--every-node-upgraded</c>): the database cannot
/// tell which build each node runs. There is no <c>off</c>: the switch is one way (documents written without their list
/// stay so until a rebuild), and turning it off is README's procedure with its rebuild.
/// </summary>
[Description("Show or turn on the switch that writes contract documents without their report list (issue 23, stage 3)", Name = "reports-apart")]
public sealed class ReportsApartCommand : JasperFxAsyncCommand<ReportsApartInput>
{
    /// <summary>
    /// Why the input (<c>reports-apart …</c> as the engine read it, options anywhere) is refused, or null: checked before
    /// any host is built or database touched (CommandLine/LedgerCommandLine), so "nothing was changed" holds. A missing or
    /// extra action is the engine's to refuse (not understood, exit code 2).
    /// </summary>
    public static string? Refusal(ReportsApartInput input)
    {
        var action = input.Action;
        if (action is not ("status" or "on"))
            return action.Length == 0 ? "reports-apart needs an action: status or on." : $"'{action}' is not an action of reports-apart: status or on.";
        if (action == "on" && !input.EveryNodeUpgradedFlag)
            return "reports-apart on needs " + EveryNodeUpgraded + ": turn the switch on only once every node runs this build and none of the " +
                "previous release will start again (a node of that release would move a contract's totals by a report list that is no " +
                "longer in its document). Nothing was changed.";
        if (action == "status" && input.EveryNodeUpgradedFlag)
            return EveryNodeUpgraded + " belongs to on; status changes nothing.";
        return null;
    }

    private const string EveryNodeUpgraded = "--every-node-upgraded";

    public override async Task<bool> Execute(ReportsApartInput input)
    {
        // The engine's reading of the arguments, input, was checked before the host was built (Refusal).
        using var host = input.BuildHost();
        var db = host.Services.GetRequiredService<NpgsqlDataSource>();
        if (input.Action == "status")
        {
            await Console.Out.WriteLineAsync(await ReportsApartSwitch.IsOnAsync(db, CancellationToken.None) ? "reports-apart: on" : "reports-apart: off");
            return true;
        }
        // The row's insert says which of two operators at once turned it on (ON CONFLICT DO NOTHING: one row either way).
        var turnedOn = await ReportsApartSwitch.TurnOnAsync(db, CancellationToken.None);
        await Console.Out.WriteLineAsync(turnedOn
            ? "reports-apart: on (turned on now: each contract's next write stores its document without its report list)"
            : "reports-apart: on (it was on already; nothing changed)");
        return true;
    }
}
