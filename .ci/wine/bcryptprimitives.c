/*
 * A stand-in for Windows' bcryptprimitives.dll, for Wine 8 (Debian 12).
 *
 * Go 1.22 and later seed their random numbers from ProcessPrng, exported by
 * bcryptprimitives.dll since Windows 10, and a Go program exits at start-up
 * ("fatal error: bcryptprimitives.dll not found") where it is missing. Wine
 * added ProcessPrng in 9.x; Wine 8 has neither the function nor the DLL.
 *
 * This DLL exports only ProcessPrng, over RtlGenRandom (advapi32's
 * SystemFunction036, which Wine 8 implements over the host's random device).
 * .ci/wine.sh builds it with MinGW, copies it into the Wine prefix's
 * system32 (Go loads it from there only) and runs the tests with
 * WINEDLLOVERRIDES="bcryptprimitives=n" so that Wine loads it rather than
 * failing on a builtin it does not have. It is test tooling: pyselect itself
 * never loads it.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
 *        bcryptprimitives.c -ladvapi32
 */
#include <windows.h>
#include <ntsecapi.h>

/*
 * ProcessPrng fills data with len random bytes. Windows documents it as
 * always returning TRUE; RtlGenRandom takes a ULONG length, so a larger
 * request is filled in pieces.
 */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
