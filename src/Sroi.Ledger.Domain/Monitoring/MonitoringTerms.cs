using System.Text.Json.Serialization;
using NodaTime;

namespace Sroi.Ledger.Domain.Monitoring;

/// <summary>
/// How a policy version monitors its contracts: every <see cref="ReportingIntervalMonths"/> months from <c>startsOn</c>
/// the contractor is expected to have reported, and <see cref="RepairPeriodMonths"/> months after <c>endsOn</c> a shortfall
/// may still be made up before the WSP settles. Policy data, versioned with the rest of the policy.
/// </summary>
public sealed record MonitoringTerms(int ReportingIntervalMonths, int RepairPeriodMonths)
{
    public const int DefaultReportingIntervalMonths = 6;
    public const int DefaultRepairPeriodMonths = 3;
    public const int MinReportingIntervalMonths = 1;
    public const int MaxReportingIntervalMonths = 24;
    public const int MinRepairPeriodMonths = 0;
    public const int MaxRepairPeriodMonths = 24;

    /// <summary>Rijswijk's practice, and what a policy version recorded before these terms existed is read as.</summary>
    public static MonitoringTerms Default { get; } = new(DefaultReportingIntervalMonths, DefaultRepairPeriodMonths);

    // The months are the data; the periods are for date arithmetic only, so they are not part of any JSON.
    [JsonIgnore]
    public Period ReportingInterval => Period.FromMonths(ReportingIntervalMonths);

    [JsonIgnore]
    public Period RepairPeriod => Period.FromMonths(RepairPeriodMonths);

    public static bool IsReportingInterval(int months) => months is >= MinReportingIntervalMonths and <= MaxReportingIntervalMonths;

    public static bool IsRepairPeriod(int months) => months is >= MinRepairPeriodMonths and <= MaxRepairPeriodMonths;
}
