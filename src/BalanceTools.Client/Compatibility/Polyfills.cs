#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices
{
    // netstandard2.0 lacks the marker type the compiler needs for init-only setters and records.
    internal static class IsExternalInit
    {
    }
}
#endif
