namespace BalanceTools.Client; internal static class Placeholder { }
