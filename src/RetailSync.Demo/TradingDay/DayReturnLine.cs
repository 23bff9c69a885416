using RetailSync.Events;

namespace RetailSync.Demo.TradingDay;

/// <summary>Units of one order line coming back, and what the warehouse (or the till) finds and decides.</summary>
public sealed record DayReturnLine(DayLine Line, int Quantity, InspectionResult Inspection, ReturnDisposition Disposition);
