#include "common/RequestRouter.h"

#include <algorithm>

namespace natter::server {

void RequestRouter::add(proto::Envelope::BodyCase bodyCase, Route route)
{
    const auto index = size_t(bodyCase);
    Q_ASSERT(index > 0 && route.handler);
    if (m_routes.size() <= index)
        m_routes.resize(index + 1);
    Q_ASSERT(!m_routes[index].handler);
    m_routes[index] = std::move(route);
}

const Route *RequestRouter::find(proto::Envelope::BodyCase bodyCase) const
{
    const auto index = size_t(bodyCase);
    if (index >= m_routes.size() || !m_routes[index].handler)
        return nullptr;
    return &m_routes[index];
}

int RequestRouter::size() const
{
    return int(std::count_if(
        m_routes.cbegin(), m_routes.cend(), [](const Route &r) { return bool(r.handler); }));
}

} // namespace natter::server
