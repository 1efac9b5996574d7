// epoll(7) and eventfd(2): Linux system headers that the Glibc module does not export.
#include <sys/epoll.h>
#include <sys/eventfd.h>
